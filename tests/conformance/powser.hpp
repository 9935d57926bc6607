// The power series package of Go's test/chan/powser1.go and powser2.go (after Doug McIlroy's
// Newsqueak original, "Squinting at Power Series"), on csp::.
//
// A power series is a demand channel: a pair of channels `req` and `dat`; a consumer sends a
// request and receives the next rational coefficient; a denominator of zero marks the end.
// Every constructor starts the process that serves its series. The two Go programs differ only
// in what travels on `dat`: powser1 sends rationals by value, powser2 sends them through an
// interface. PowerSeries<Traits> is the package for either; Traits says what a coefficient is
// on the channel (ByValue, ByInterface).
//
// Go's nil channel disables a select case (getn); here a disabled case is a guard on a private
// channel that nobody else uses, which is never ready either. The package keeps the functions
// the programs' tests use (Rep, Add, Cmul, Sub, Diff, Integ, Mul, Exp, MonSubst, Split) with
// their channel structure; the unused ones (Monmul, Xmul, Mon, Shift, Binom, Recip, Subst) are
// left out.
#pragma once

#include <csp/csp.hpp>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace powser {

struct Rat {
  int64_t num = 0, den = 0;
  friend bool operator==(const Rat&, const Rat&) = default;
  std::string pr() const {
    return den == 1 ? std::to_string(num) : std::to_string(num) + "/" + std::to_string(den);
  }
};

inline int64_t gcd(int64_t u, int64_t v) {
  if (u < 0) return gcd(-u, v);
  if (u == 0) return v;
  return gcd(v % u, u);
}

// A rational from two integers, and from one.
inline Rat i2tor(int64_t u, int64_t v) {
  const int64_t g = gcd(u, v);
  return v > 0 ? Rat{u / g, v / g} : Rat{-u / g, -v / g};
}
inline Rat itor(int64_t u) { return i2tor(u, 1); }

inline const Rat zero = itor(0);
inline const Rat one = itor(1);
inline const Rat finis = i2tor(1, 0);  // the end mark

inline int64_t end(const Rat& u) { return u.den == 0 ? 1 : 0; }

inline Rat add(const Rat& u, const Rat& v) {
  const int64_t g = gcd(u.den, v.den);
  return i2tor(u.num * (v.den / g) + v.num * (u.den / g), u.den * (v.den / g));
}
inline Rat mul(const Rat& u, const Rat& v) {
  const int64_t g1 = gcd(u.num, v.den), g2 = gcd(u.den, v.num);
  return Rat{(u.num / g1) * (v.num / g2), (u.den / g2) * (v.den / g1)};
}
inline Rat neg(const Rat& u) { return i2tor(-u.num, u.den); }
inline Rat sub(const Rat& u, const Rat& v) { return add(u, neg(v)); }

// powser1: a coefficient travels as a rational, by value.
struct ByValue {
  using Value = Rat;
  static Value wrap(const Rat& r) { return r; }
  static Rat rat(const Value& v) { return v; }
  static bool eq(const Value& a, const Value& b) { return a == b; }
};

// powser2: a coefficient travels as an interface (Go's `item`), here a pointer to a
// polymorphic item; the receiver asserts its type back to a rational.
struct Item {
  virtual ~Item() = default;
  virtual bool eq(const Item& c) const = 0;
  virtual std::string pr() const = 0;
};
struct RatItem final : Item {
  explicit RatItem(Rat value) : r(value) {}
  bool eq(const Item& c) const override { return r == dynamic_cast<const RatItem&>(c).r; }
  std::string pr() const override { return r.pr(); }
  Rat r;
};
struct ByInterface {
  using Value = std::shared_ptr<const Item>;
  static Value wrap(const Rat& r) { return std::make_shared<RatItem>(r); }
  static Rat rat(const Value& v) { return dynamic_cast<const RatItem&>(*v).r; }
  static bool eq(const Value& a, const Value& b) { return a->eq(*b); }
};

template <class Traits>
class PowerSeries {
 public:
  using Value = typename Traits::Value;
  // A series: Go's *dch. Copying it copies the two channel handles, as Go copies the pointer.
  struct PS {
    csp::Chan<int> req;
    csp::Chan<Value> dat;
  };
  // A pair of series whose two slots dosplit swaps: shared, as Go's *dch2.
  using PS2 = std::shared_ptr<std::array<PS, 2>>;

  static PS mkPS() { return PS{csp::chan<int>("req"), csp::chan<Value>("dat")}; }
  static PS2 mkPS2() {
    auto p = std::make_shared<std::array<PS, 2>>();
    (*p)[0] = mkPS();
    (*p)[1] = mkPS();
    return p;
  }

  // Serves one request of `out` with `dat`.
  static csp::Proc<void> put(Value dat, PS out) {
    co_await out.req.take();
    co_await out.dat.put(std::move(dat));
  }

  static csp::Proc<Value> get(PS in) {
    const int s = ++seqno;
    co_await in.req.put(s);
    std::optional<Value> v = co_await in.dat.take();
    co_return std::move(v).value();
  }

  // One coefficient from each of two series, requested and received in whatever order the
  // series are ready (getn with n == 2).
  static csp::Proc<std::array<Value, 2>> get2(PS in0, PS in1) {
    const auto nil_req = csp::chan<int>("nil");
    const auto nil_dat = csp::chan<Value>("nil");
    std::array<csp::Chan<int>, 2> req{in0.req, in1.req};
    std::array<csp::Chan<Value>, 2> dat{nil_dat, nil_dat};
    std::array<Value, 2> out{};
    for (int n = 4; n > 0; --n) {
      const int s = ++seqno;
      auto r = co_await csp::alts(csp::put(req[0], s), csp::put(req[1], s), csp::take(dat[0]),
                                  csp::take(dat[1]));
      switch (r.index) {
        case 0:
          dat[0] = in0.dat;
          req[0] = nil_req;
          break;
        case 1:
          dat[1] = in1.dat;
          req[1] = nil_req;
          break;
        case 2:
          out[0] = std::move(r.template get<2>()).value();
          dat[0] = nil_dat;
          break;
        case 3:
          out[1] = std::move(r.template get<3>()).value();
          dat[1] = nil_dat;
          break;
      }
    }
    co_return out;
  }

  static csp::Proc<void> copy(PS in, PS out) {
    for (;;) {
      co_await out.req.take();
      Value v = co_await get(in);
      co_await out.dat.put(std::move(v));
    }
  }

  // split reads one demand channel and replicates it onto two, read at different rates. A
  // generation of dosplit is made at the first demand for a coefficient and dies once it has
  // been sent to both outputs. The newest generation serves the channel renamed out[0]; the
  // older ones hold data already sent there and wait to send it on out[1]; a signal on the
  // release channel tells the next newer generation to serve out[1] too.
  static void dosplit(PS in, PS2 out, csp::Chan<int> wait) {
    csp::spawn("dosplit", [in, out, wait]() -> csp::Proc<void> {
      bool both = false;  // do not serve both channels
      {
        const PS first = (*out)[0];
        auto r = co_await csp::alts(csp::take(first.req), csp::take(wait));
        if (r.index == 1) {
          both = true;
          const PS a = (*out)[0], b = (*out)[1];
          auto r2 = co_await csp::alts(csp::take(a.req), csp::take(b.req));
          if (r2.index == 1) std::swap((*out)[0], (*out)[1]);
        }
      }
      co_await in.req.put(++seqno);
      auto release = csp::chan<int>("release");
      dosplit(in, out, release);
      std::optional<Value> taken = co_await in.dat.take();  // named: GCC 12, in a template
      Value dat = std::move(taken).value();
      const PS out0 = (*out)[0];
      co_await out0.dat.put(dat);
      if (!both) co_await wait.take();
      const PS out1 = (*out)[1];
      co_await out1.req.take();
      co_await out1.dat.put(dat);
      co_await release.put(0);
    });
  }

  static csp::Proc<void> split(PS in, PS2 out) {
    auto release = csp::chan<int>("release");
    dosplit(in, out, release);
    co_await release.put(0);
  }

  // A pair of series identical to U.
  static PS2 Split(PS U) {
    PS2 UU = mkPS2();
    csp::spawn("Split", [U, UU]() -> csp::Proc<void> { co_await split(U, UU); });
    return UU;
  }

  static PS Rep(Rat c) {
    PS Z = mkPS();
    csp::spawn("Rep", [c, Z]() -> csp::Proc<void> {
      for (;;) {
        Value v = Traits::wrap(c);
        co_await put(std::move(v), Z);
      }
    });
    return Z;
  }

  static PS Add(PS U, PS V) {
    PS Z = mkPS();
    csp::spawn("Add", [U, V, Z]() -> csp::Proc<void> {
      for (;;) {
        co_await Z.req.take();
        std::array<Value, 2> uv = co_await get2(U, V);
        const Rat u = Traits::rat(uv[0]), v = Traits::rat(uv[1]);
        switch (end(u) + 2 * end(v)) {
          case 0: co_await Z.dat.put(Traits::wrap(add(u, v))); break;
          case 1:
            co_await Z.dat.put(uv[1]);
            co_await copy(V, Z);
            break;
          case 2:
            co_await Z.dat.put(uv[0]);
            co_await copy(U, Z);
            break;
          case 3: co_await Z.dat.put(Traits::wrap(finis)); break;
        }
      }
    });
    return Z;
  }

  // A series times a constant.
  static PS Cmul(Rat c, PS U) {
    PS Z = mkPS();
    csp::spawn("Cmul", [c, U, Z]() -> csp::Proc<void> {
      bool done = false;
      while (!done) {
        co_await Z.req.take();
        const Rat u = Traits::rat(co_await get(U));
        if (end(u) != 0)
          done = true;
        else
          co_await Z.dat.put(Traits::wrap(mul(c, u)));
      }
      co_await Z.dat.put(Traits::wrap(finis));
    });
    return Z;
  }

  static PS Sub(PS U, PS V) { return Add(U, Cmul(neg(one), V)); }

  // Multiply. With U = u + x*UU and V = v + x*VV: UV = u*v + x*(u*VV+v*UU) + x*x*UU*VV.
  static PS Mul(PS U, PS V) {
    PS Z = mkPS();
    csp::spawn("Mul", [U, V, Z]() -> csp::Proc<void> {
      co_await Z.req.take();
      std::array<Value, 2> uv = co_await get2(U, V);
      const Rat u = Traits::rat(uv[0]), v = Traits::rat(uv[1]);
      if (end(u) != 0 || end(v) != 0) {
        co_await Z.dat.put(Traits::wrap(finis));
      } else {
        co_await Z.dat.put(Traits::wrap(mul(u, v)));
        PS2 UU = Split(U);
        PS2 VV = Split(V);
        PS W = Add(Cmul(u, (*VV)[0]), Cmul(v, (*UU)[0]));
        co_await Z.req.take();
        Value w = co_await get(W);
        co_await Z.dat.put(std::move(w));
        co_await copy(Add(W, Mul((*UU)[1], (*VV)[1])), Z);
      }
    });
    return Z;
  }

  // Differentiate.
  static PS Diff(PS U) {
    PS Z = mkPS();
    csp::spawn("Diff", [U, Z]() -> csp::Proc<void> {
      co_await Z.req.take();
      Rat u = Traits::rat(co_await get(U));
      if (end(u) == 0) {
        bool done = false;
        for (int64_t i = 1; !done; ++i) {
          u = Traits::rat(co_await get(U));
          if (end(u) != 0) {
            done = true;
          } else {
            co_await Z.dat.put(Traits::wrap(mul(itor(i), u)));
            co_await Z.req.take();
          }
        }
      }
      co_await Z.dat.put(Traits::wrap(finis));
    });
    return Z;
  }

  // Integrate, with constant of integration c.
  static PS Integ(Rat c, PS U) {
    PS Z = mkPS();
    csp::spawn("Integ", [c, U, Z]() -> csp::Proc<void> {
      co_await put(Traits::wrap(c), Z);
      bool done = false;
      for (int64_t i = 1; !done; ++i) {
        co_await Z.req.take();
        const Rat u = Traits::rat(co_await get(U));
        if (end(u) != 0) done = true;
        co_await Z.dat.put(Traits::wrap(mul(i2tor(1, i), u)));
      }
      co_await Z.dat.put(Traits::wrap(finis));
    });
    return Z;
  }

  // Exponential of a series with constant term 0 (the constant term is ignored):
  // Z = exp(U), DZ = Z*DU, integrated.
  static csp::Proc<PS> Exp(PS U) {
    PS2 ZZ = mkPS2();
    co_await split(Integ(one, Mul((*ZZ)[0], Diff(U))), ZZ);
    co_return (*ZZ)[1];
  }

  // Monomial substitution U(c x^n): each Ui multiplied by c^i and followed by n-1 zeros.
  static PS MonSubst(PS U, Rat c0, int n) {
    PS Z = mkPS();
    csp::spawn("MonSubst", [U, c0, n, Z]() -> csp::Proc<void> {
      Rat c = one;
      for (;;) {
        co_await Z.req.take();
        const Rat u = Traits::rat(co_await get(U));
        co_await Z.dat.put(Traits::wrap(mul(u, c)));
        c = mul(c, c0);
        if (end(u) != 0) {
          co_await Z.dat.put(Traits::wrap(finis));
          break;
        }
        for (int i = 1; i < n; ++i) {
          co_await Z.req.take();
          co_await Z.dat.put(Traits::wrap(zero));
        }
      }
    });
    return Z;
  }

  // The programs' test (their main without arguments), run as a go process as Go's main is a
  // goroutine. Returns what `check` would have panicked with; empty when every term is right.
  static csp::Proc<std::vector<std::string>> test() {
    seqno = 0;
    std::vector<std::string> failures;
    const PS Ones = Rep(one);
    const PS Twos = Rep(itor(2));
    auto check = [&failures](PS U, Rat c, int count, std::string str) -> csp::Proc<bool> {
      for (int i = 0; i < count; ++i) {
        Value r = co_await get(U);
        if (!Traits::eq(r, Traits::wrap(c))) {
          failures.push_back(str + ": got " + Traits::rat(r).pr() + ", should get " + c.pr());
          co_return false;
        }
      }
      co_return true;
    };
    constexpr int N = 10;
    auto checka = [&check](PS U, std::vector<Rat> a, std::string str) -> csp::Proc<bool> {
      for (int i = 0; i < N; ++i)
        if (!co_await check(U, a[static_cast<size_t>(i)], 1, str)) co_return false;
      co_return true;
    };
    std::vector<Rat> a(N);
    if (!co_await check(Ones, one, 5, "Ones")) co_return failures;
    co_await check(Add(Ones, Ones), itor(2), 0, "Add Ones Ones");  // count 0, as in Go
    co_await check(Add(Ones, Twos), itor(3), 0, "Add Ones Twos");
    const PS d = Diff(Ones);
    for (int i = 0; i < N; ++i) a[static_cast<size_t>(i)] = itor(i + 1);
    if (!co_await checka(d, a, "Diff")) co_return failures;  // 1 2 3 4 5
    const PS in = Integ(zero, Ones);
    a[0] = zero;  // integration constant
    for (int i = 1; i < N; ++i) a[static_cast<size_t>(i)] = i2tor(1, i);
    if (!co_await checka(in, a, "Integ")) co_return failures;  // 0 1 1/2 1/3 1/4 1/5
    if (!co_await check(Cmul(neg(one), Twos), itor(-2), 10, "CMul")) co_return failures;
    co_await check(Sub(Ones, Twos), itor(-1), 0, "Sub Ones Twos");
    const PS m = Mul(Ones, Ones);
    for (int i = 0; i < N; ++i) a[static_cast<size_t>(i)] = itor(i + 1);
    if (!co_await checka(m, a, "Mul")) co_return failures;  // 1 2 3 4 5
    const PS e = co_await Exp(Ones);
    a = {itor(1),
         i2tor(1, 1),
         i2tor(3, 2),
         i2tor(13, 6),
         i2tor(73, 24),
         i2tor(167, 40),
         i2tor(4051, 720),
         i2tor(37633, 5040),
         i2tor(43817, 4480),
         i2tor(4596553, 362880)};
    if (!co_await checka(e, a, "Exp")) co_return failures;  // 1 1 3/2 13/6 73/24
    const PS at = Integ(zero, MonSubst(Ones, neg(one), 2));
    for (int c = 1, i = 0; i < N; ++i) {
      if (i % 2 == 0) {
        a[static_cast<size_t>(i)] = zero;
      } else {
        a[static_cast<size_t>(i)] = i2tor(c, i);
        c *= -1;
      }
    }
    co_await checka(at, a, "ATan");  // 0 -1 0 -1/3 0 -1/5
    co_return failures;
  }

 private:
  // Go's seqno: the sequence numbers sent with each request (their values are not used).
  static inline std::atomic<int> seqno{0};
};

}  // namespace powser
