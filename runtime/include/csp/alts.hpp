// alts: wait on several channel operations at once; the first that can complete wins.
//
//   auto r = co_await csp::alts(csp::take(a), csp::put(b, 7), csp::take(csp::timeout(20ms)));
//   if (r.index == 0) { std::optional<int> v = r.get<0>(); }   // take guard: optional<T>
//   if (r.index == 1) { bool ok = r.get<1>(); }                // put guard: bool
//
// Ready guards are tried in a seeded random order, or in listed order with csp::priority;
// with csp::otherwise the alt returns at once (index -1) when no guard is ready; otherwise it
// parks on all of them and the first partner to commit wins. alts_blocking(...) is the same for
// threads and main. The alt's source line is that of its first guard.
#pragma once

#include <csp/chan.hpp>
#include <csp/detail/alt_call.hpp>
#include <csp/detail/runtime_hooks.hpp>
#include <csp/errors.hpp>

#include <array>
#include <coroutine>
#include <csp/source_location.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace csp {

// A guard borrows the channel it names, as c.take() and c.put(v) do: a named Chan must outlive
// the alts that uses it (it does when the alts is awaited in the same scope). A guard made from
// a temporary Chan, csp::take(csp::timeout(20ms)), keeps that channel alive itself (moved from
// an rvalue, so csp::take(std::move(c)) leaves c empty; copied from a const one). Borrowing
// spares each guard an atomic retain and release of the channel per alts.
template <class T>
struct TakeGuard {
  using result_type = std::optional<T>;
  detail::ChannelCore* chan;  // null: a null Chan (refused when the alts starts)
  Chan<T> kept;               // the channel, when the guard was given a temporary
  csp::SourceLocation loc;
  std::optional<T> out;
};

template <class T>
struct PutGuard {
  using result_type = bool;
  detail::ChannelCore* chan;
  Chan<T> kept;
  T value;
  csp::SourceLocation loc;
};

template <class T>
TakeGuard<T> take(const Chan<T>& c, csp::SourceLocation loc = csp::SourceLocation::current()) {
  return TakeGuard<T>{c.core_ptr(), Chan<T>(), loc, std::nullopt};
}
template <class T>
TakeGuard<T> take(Chan<T>&& c, csp::SourceLocation loc = csp::SourceLocation::current()) {
  detail::ChannelCore* core = c.core_ptr();
  return TakeGuard<T>{core, std::move(c), loc, std::nullopt};
}
template <class T>
TakeGuard<T> take(const Chan<T>&& c, csp::SourceLocation loc = csp::SourceLocation::current()) {
  return TakeGuard<T>{c.core_ptr(), Chan<T>(c), loc, std::nullopt};
}
template <class T, class U>
PutGuard<T> put(const Chan<T>& c, U&& v, csp::SourceLocation loc = csp::SourceLocation::current()) {
  return PutGuard<T>{c.core_ptr(), Chan<T>(), T(std::forward<U>(v)), loc};
}
template <class T, class U>
PutGuard<T> put(Chan<T>&& c, U&& v, csp::SourceLocation loc = csp::SourceLocation::current()) {
  detail::ChannelCore* core = c.core_ptr();
  return PutGuard<T>{core, std::move(c), T(std::forward<U>(v)), loc};
}
template <class T, class U>
PutGuard<T> put(const Chan<T>&& c, U&& v,
                csp::SourceLocation loc = csp::SourceLocation::current()) {
  return PutGuard<T>{c.core_ptr(), Chan<T>(c), T(std::forward<U>(v)), loc};
}

struct PriorityTag {};
struct OtherwiseTag {};
// Option of alts: try ready guards in listed order.
inline constexpr PriorityTag priority{};
// Option of alts: when no guard is ready, return at once with index -1.
inline constexpr OtherwiseTag otherwise{};

// Which guard won (index; -1: the default) and its result: std::optional<T> for a take guard,
// bool for a put guard (false: the channel was closed).
template <class... G>
class AltResult {
 public:
  int index = -1;
  std::variant<std::monostate, typename G::result_type...> value;

  bool is_default() const noexcept { return index < 0; }
  // The result of guard I; throws std::logic_error when another guard won.
  template <std::size_t I>
  auto& get() {
    if (index != static_cast<int>(I))
      throw std::logic_error("csp::AltResult::get<" + std::to_string(I) + ">: guard " +
                             std::to_string(index) + " won the alt, not guard " +
                             std::to_string(I) + "; check r.index first");
    return std::get<I + 1>(value);
  }
};

namespace detail {

template <class G>
struct IsGuard : std::false_type {};
template <class T>
struct IsGuard<TakeGuard<T>> : std::true_type {};
template <class T>
struct IsGuard<PutGuard<T>> : std::true_type {};

struct AltOptions {
  bool priority = false;
  bool has_default = false;
};

template <class A>
void apply_option(AltOptions& o, const A&) {
  if constexpr (std::is_same_v<std::decay_t<A>, PriorityTag>) o.priority = true;
  if constexpr (std::is_same_v<std::decay_t<A>, OtherwiseTag>) o.has_default = true;
}

// A reference to the argument if it is a guard, nothing if it is an option: make_alts moves
// each guard once, straight into the operation.
template <class A>
auto guard_ref(A&& a) {
  if constexpr (IsGuard<std::decay_t<A>>::value) {
    return std::tuple<A&&>(std::forward<A>(a));
  } else {
    static_assert(std::is_same_v<std::decay_t<A>, PriorityTag> ||
                      std::is_same_v<std::decay_t<A>, OtherwiseTag>,
                  "alts takes csp::take(ch), csp::put(ch, v), csp::priority, csp::otherwise");
    return std::tuple<>{};
  }
}

}  // namespace detail

template <class... G>
class [[nodiscard]] AltsOperation {
  static constexpr std::size_t N = sizeof...(G);
  static_assert(N > 0, "alts needs at least one guard");

 public:
  template <class... R>
  AltsOperation(detail::AltOptions opts, R&&... guards)
      : guards_(std::forward<R>(guards)...), opts_(opts) {}
  AltsOperation(const AltsOperation&) = delete;
  AltsOperation& operator=(const AltsOperation&) = delete;
  ~AltsOperation() {
    if (waiting_) call_.end();  // a frame destroyed while parked (shutdown)
  }

  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) {
    detail::Process& p = detail::process_for("alts", first_chan(), loc());
    prepare();
    return call_.suspend(p, h, waiting_);
  }
  AltResult<G...> await_resume() {
    if (waiting_) {
      waiting_ = false;
      call_.end();
    }
    return result();
  }

  // alts_blocking: the same on a thread or main.
  AltResult<G...> run_blocking() {
    detail::Process& p = detail::blocking_process_for("alts_blocking", first_chan(), loc());
    prepare();
    call_.wait_blocking(p);
    return result();
  }

 private:
  detail::ChannelCore* first_chan() const { return std::get<0>(guards_).chan; }
  csp::SourceLocation loc() const { return std::get<0>(guards_).loc; }

  void prepare() {
    fill(std::index_sequence_for<G...>{});
    call_.slots = slots_.data();
    call_.count = N;
    call_.priority = opts_.priority;
    call_.has_default = opts_.has_default;
    call_.loc = loc();
  }
  template <std::size_t... I>
  void fill(std::index_sequence<I...>) {
    (fill_one(slots_[I], std::get<I>(guards_)), ...);
  }
  template <class T>
  static void fill_one(detail::AltSlot& s, TakeGuard<T>& g) {
    s.chan = checked(g.chan, g.loc);
    s.op = csptrace::WaitOp::Take;
    s.io = &g.out;
  }
  template <class T>
  static void fill_one(detail::AltSlot& s, PutGuard<T>& g) {
    s.chan = checked(g.chan, g.loc);
    s.op = csptrace::WaitOp::Put;
    s.io = &g.value;
  }
  static detail::ChannelCore* checked(detail::ChannelCore* c, csp::SourceLocation loc) {
    if (c == nullptr)
      throw ChannelError(std::string(loc.file_name()) + ":" + std::to_string(loc.line()) +
                         ": alts guard on a null csp::Chan; create it with csp::chan<T>(name)");
    return c;
  }

  AltResult<G...> result() {
    AltResult<G...> r;
    r.index = call_.chosen;
    if (r.index >= 0) pick(r, std::index_sequence_for<G...>{});
    return r;
  }
  template <std::size_t... I>
  void pick(AltResult<G...>& r, std::index_sequence<I...>) {
    ((r.index == static_cast<int>(I) ? (set_value<I>(r), 0) : 0), ...);
  }
  template <std::size_t I>
  void set_value(AltResult<G...>& r) {
    auto& g = std::get<I>(guards_);
    using Guard = std::decay_t<decltype(g)>;
    if constexpr (std::is_same_v<typename Guard::result_type, bool>) {
      r.value.template emplace<I + 1>(slots_[I].waiter.result == detail::WaitResult::Done);
    } else {
      r.value.template emplace<I + 1>(std::move(g.out));
    }
  }

  std::tuple<G...> guards_;
  detail::AltOptions opts_;
  std::array<detail::AltSlot, N> slots_{};
  detail::AltCall call_;
  bool waiting_ = false;
};

namespace detail {
template <class... A>
auto make_alts(A&&... args) {
  AltOptions opts;
  (apply_option(opts, args), ...);
  auto guards = std::tuple_cat(guard_ref(std::forward<A>(args))...);
  return std::apply(
      [&](auto&&... g) {
        return AltsOperation<std::decay_t<decltype(g)>...>(opts, std::forward<decltype(g)>(g)...);
      },
      std::move(guards));
}
}  // namespace detail

// co_await csp::alts(guards..., [csp::priority], [csp::otherwise]) inside a go process.
template <class... A>
auto alts(A&&... args) {
  return detail::make_alts(std::forward<A>(args)...);
}

// The blocking form for threads and main.
template <class... A>
auto alts_blocking(A&&... args) {
  return detail::make_alts(std::forward<A>(args)...).run_blocking();
}

}  // namespace csp
