// The pool's placement rules (runtime/src/pool_scheduler.hpp): a woken process stays on its
// waker's worker, but work queued behind a process that computes for long is not stranded
// while another worker idles.
#include <csp/csp.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>

namespace {
// Spins until `flag` is set or `limit` passes (then reports failure instead of hanging).
bool spin_until(const std::atomic<bool>& flag, std::chrono::seconds limit) {
  const auto give_up = std::chrono::steady_clock::now() + limit;
  while (!flag.load(std::memory_order_acquire))
    if (std::chrono::steady_clock::now() > give_up) return false;
  return true;
}
}  // namespace

TEST_CASE("pool: a process queued behind one that never parks runs on the idle worker", "[pool]") {
  // "setter" and then "waiter" are woken by main on main's worker: waiter displaces setter
  // from the run-next slot into the local queue without waking the other worker. waiter then
  // computes (spins) without parking until setter has run, which only the other worker can do:
  // it finds setter when it wakes for other work (the epoch moved) or, at the latest, on its
  // idle re-check, when it sees that its neighbour has started nothing since its last look.
  // Either way setter must not stay stranded behind waiter.
  // offer() succeeds only when the process already waits, which makes the order exact; a
  // round where one had not reached its take yet proves nothing and is repeated.
  int conclusive = 0;
  for (int round = 0; round < 10 && conclusive < 3; ++round) {
    std::atomic<bool> set{false};
    bool arranged = false, waited = false;
    csp::Options opt;
    opt.workers = 2;
    csp::RunResult r = csp::run(opt, [&]() -> csp::Proc<void> {
      auto go_waiter = csp::chan<int>("go-waiter"), go_setter = csp::chan<int>("go-setter");
      auto waiter = csp::go("waiter", [=, &set]() -> csp::Proc<bool> {
        co_await go_waiter.take();
        co_return spin_until(set, std::chrono::seconds(20));
      });
      auto setter = csp::go("setter", [=, &set]() -> csp::Proc<void> {
        co_await go_setter.take();
        set.store(true, std::memory_order_release);
      });
      co_await csp::timeout(std::chrono::milliseconds(20)).take();  // both reach their takes
      arranged = go_setter.offer(1);
      arranged = go_waiter.offer(1) && arranged;
      if (!arranged) {  // unblock whichever still waits, end the round
        set.store(true, std::memory_order_release);
        go_setter.offer(1);
        go_waiter.offer(1);
        co_return;
      }
      waited = *co_await waiter.take();
      co_await setter.take();
    });
    REQUIRE(r.ok());
    if (!arranged) continue;
    ++conclusive;
    CHECK(waited);
  }
  CHECK(conclusive >= 1);
}
