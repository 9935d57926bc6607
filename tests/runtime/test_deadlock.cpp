// Live deadlock detection: nothing runnable, no timer armed, no thread busy = a deadlock event
// naming every stuck process, the trace ended, the run's result says so. Never a hang.
#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace std::chrono_literals;
using csptrace::EventKind;
using rt_test::deterministic;

namespace {
void crossed_wires() {
  auto a = csp::chan<int>("a");
  auto b = csp::chan<int>("b");
  csp::go("left", [=]() -> csp::Proc<void> {
    co_await a.take();
    co_await b.put(1);
  });
  b.take_blocking();  // main waits on b, left waits on a: nobody puts to a
}
}  // namespace

TEST_CASE("a global deadlock is found, reported and recorded", "[deadlock]") {
  for (csp::Options opt : {csp::Options{}, deterministic(4)}) {
    auto t = rt_test::run_traced(opt, crossed_wires, "deadlock");
    REQUIRE(t.result.status == csp::RunStatus::Deadlock);
    CHECK(t.result.exit_code() == 2);
    REQUIRE(t.result.stuck.size() == 2);
    CHECK(t.result.stuck[0].process == "main");
    CHECK(t.result.stuck[0].channel == "b");
    CHECK(t.result.stuck[0].op == "take");
    CHECK_THAT(t.result.stuck[0].location, Catch::Contains("test_deadlock.cpp:"));
    CHECK(t.result.stuck[1].process == "left");
    CHECK(t.result.stuck[1].channel == "a");
    CHECK_THAT(t.result.message, Catch::Contains("left waits to take on 'a'"));

    REQUIRE(t.model.complete());
    CHECK(t.model.end_reason() == csptrace::EndReason::Deadlock);
    auto d = rt_test::events_of(t.model, EventKind::Deadlock);
    REQUIRE(d.size() == 1);
    CHECK(t.model.kind(d[0] + 1) == EventKind::Stuck);
    CHECK(t.model.kind(d[0] + 2) == EventKind::Stuck);
    CHECK(t.model.kind(d[0] + 3) == EventKind::End);
  }
}

TEST_CASE("a pending timer is not a deadlock", "[deadlock]") {
  for (csp::Options opt : {csp::Options{}, deterministic(4)}) {
    csp::RunResult r = csp::run(opt, [&] {
      auto never = csp::chan<int>("never");
      auto res = csp::go("patient", [=]() -> csp::Proc<int> {
        auto alt = co_await csp::alts(csp::take(never), csp::take(csp::timeout(30ms)));
        co_return alt.index;
      });
      CHECK(res.take_blocking() == 1);  // everyone waits, but the timer will fire
    });
    CHECK(r.ok());
  }
}

TEST_CASE("threads blocked in a deadlock are released with csp::Deadlock", "[deadlock]") {
  for (csp::Options opt : {csp::Options{}, deterministic(5)}) {
    std::atomic<bool> released{false};
    csp::RunResult r = csp::run(opt, [&] {
      auto c = csp::chan<int>("silent");
      auto t = csp::thread("stuck-thread", [=, &released] {
        try {
          c.take_blocking();
        } catch (const csp::Deadlock&) {
          released = true;
          throw;
        }
      });
      t.take_blocking();
    });
    CHECK(r.status == csp::RunStatus::Deadlock);
    CHECK(released);
    REQUIRE(r.stuck.size() == 2);
  }
}

TEST_CASE("a deadlock among go processes while main waits for them", "[deadlock]") {
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    auto fork1 = csp::chan<int>("fork-1");
    auto fork2 = csp::chan<int>("fork-2");
    auto p1 = csp::go("phil-1", [=]() -> csp::Proc<void> { co_await fork1.take(); });
    auto p2 = csp::go("phil-2", [=]() -> csp::Proc<void> {
      co_await csp::alts(csp::take(fork2), csp::put(fork2, 1), csp::priority);
    });
    p1.take_blocking();
  });
  // phil-2's alt on one unbuffered channel with both a take and a put guard cannot complete
  // by itself (it never meets itself), so all three wait.
  CHECK(r.status == csp::RunStatus::Deadlock);
  CHECK(r.stuck.size() == 3);
}

// Pool workers publish their processes' parks late (Runtime::tl_activity). A process that
// wakes threads which block again at once must never make the count look like zero early.
TEST_CASE("no false deadlock while a go process keeps waking threads that block again (pool)",
          "[deadlock]") {
  constexpr int kRounds = 1000;
  for (int run = 0; run < 3; ++run) {
    long sum = 0;
    csp::Options opt;
    opt.workers = 2;
    csp::RunResult r = csp::run(opt, [&] {
      auto a = csp::chan<int>("to-a"), b = csp::chan<int>("to-b"), back = csp::chan<int>("back");
      auto relay = [=](csp::Chan<int> in) {
        for (int i = 0; i < kRounds; ++i) back.put_blocking(*in.take_blocking() + 1);
      };
      auto ta = csp::thread("thread-a", [=] { relay(a); });
      auto tb = csp::thread("thread-b", [=] { relay(b); });
      auto driver = csp::go("driver", [=]() -> csp::Proc<long> {
        long got = 0;
        for (int i = 0; i < kRounds; ++i) {
          co_await a.put(i);
          co_await b.put(i);
          got += *co_await back.take();
          got += *co_await back.take();
        }
        co_return got;
      });
      sum = *driver.take_blocking();
      ta.take_blocking();
      tb.take_blocking();
    });
    REQUIRE(r.ok());
    CHECK(sum == 2L * kRounds * (kRounds + 1) / 2);
  }
}
