// go test/chan/perm.go, translated to csp::: send-only and receive-only channel views
// (csp::SendChan, csp::RecvChan). perm.go is an errorcheck test (it must not compile where it
// says ERROR); here each of its lines is a static_assert on a concept that says whether the
// operation compiles, then a short program runs the allowed ones on every scheduler.
#include "conformance.hpp"

#include <type_traits>

using conformance::on_every_scheduler;
using conformance::Scheduler;

namespace {

template <class C>
concept CanSend = requires(const C& c) {
  c.put(0);
  c.put_blocking(0);
};
template <class C>
concept CanRecv = requires(const C& c) {
  c.take();
  c.take_blocking();
};
template <class C>
concept CanClose = requires(const C& c) {
  c.close();
};
template <class C>
concept CanSendCase = requires(const C& c) {
  csp::put(c, 0);
};
template <class C>
concept CanRecvCase = requires(const C& c) {
  csp::take(c);
};

using Cr = csp::RecvChan<int>;  // <-chan int
using Cs = csp::SendChan<int>;  // chan<- int
using C = csp::Chan<int>;       // chan int

// cr = c, cs = c: ok; c = cr, c = cs, cr = cs, cs = cr: ERROR
static_assert(std::is_assignable_v<Cr&, C>);
static_assert(std::is_assignable_v<Cs&, C>);
static_assert(!std::is_assignable_v<C&, Cr>);
static_assert(!std::is_assignable_v<C&, Cs>);
static_assert(!std::is_assignable_v<Cr&, Cs>);
static_assert(!std::is_assignable_v<Cs&, Cr>);
// <-n, n <- 2: ERROR
static_assert(!CanRecv<int> && !CanSend<int>);
// c <- 0, <-c: ok; cr <- 0: ERROR, <-cr: ok; cs <- 0: ok, <-cs: ERROR
static_assert(CanSend<C> && CanRecv<C>);
static_assert(!CanSend<Cr> && CanRecv<Cr>);
static_assert(CanSend<Cs> && !CanRecv<Cs>);
// select cases: the same rules
static_assert(CanSendCase<C> && CanRecvCase<C>);
static_assert(!CanSendCase<Cr> && CanRecvCase<Cr>);
static_assert(CanSendCase<Cs> && !CanRecvCase<Cs>);
// for range cs: ERROR (a receive); close(c), close(cs): ok; close(cr), close(n): ERROR
static_assert(CanClose<C> && CanClose<Cs> && !CanClose<Cr> && !CanClose<int>);

}  // namespace

TEST_CASE("go test/chan/perm.go", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) {
    C c = csp::chan<int>("c", csp::fixed(1));
    Cr cr = c;
    Cs cs = c;
    csp::spawn("sender", [cs]() -> csp::Proc<void> {
      co_await cs.put(1);
      auto r = co_await csp::alts(csp::put(cs, 2));
      (void)r;
      cs.close();
    });
    CHECK(cr.take_blocking() == 1);
    auto r = csp::alts_blocking(csp::take(cr));
    CHECK(r.get<0>() == 2);
    CHECK_FALSE(cr.take_blocking());
  });
}
