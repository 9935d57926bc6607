// Threads: real OS threads with blocking operations, mixed with go processes on one channel.
#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <numeric>
#include <vector>

using csptrace::EventKind;
using rt_test::deterministic;

TEST_CASE("threads and go processes exchange values on one channel", "[thread]") {
  for (csp::Options opt : {csp::Options{}, deterministic(8)}) {
    long total = 0;
    csp::RunResult r = csp::run(opt, [&] {
      auto c = csp::chan<int>("mixed");
      auto t1 = csp::thread("writer-thread", [=] {
        for (int i = 0; i < 100; ++i) c.put_blocking(i);
      });
      auto g1 = csp::go("writer-go", [=]() -> csp::Proc<void> {
        for (int i = 100; i < 200; ++i) co_await c.put(i);
      });
      auto reader = csp::thread("reader-thread", [=] {
        long sum = 0;
        for (int i = 0; i < 100; ++i) sum += *c.take_blocking();
        return sum;
      });
      auto reader2 = csp::go("reader-go", [=]() -> csp::Proc<long> {
        long sum = 0;
        for (int i = 0; i < 100; ++i) sum += *co_await c.take();
        co_return sum;
      });
      total = *reader.take_blocking() + *reader2.take_blocking();
      t1.take_blocking();
      g1.take_blocking();
    });
    CHECK(r.ok());
    CHECK(total == 199L * 200 / 2);
  }
}

TEST_CASE("a thread's blocking operations are traced as block/unblock", "[thread]") {
  auto t = rt_test::run_traced(deterministic(2), [&] {
    auto c = csp::chan<int>("c");
    csp::go("late", [=]() -> csp::Proc<void> { co_await c.put(1); });
    c.take_blocking();
  });
  REQUIRE(t.result.ok());
  // Either main blocked and was unblocked, or the putter parked first and was resumed.
  CHECK(rt_test::count_of(t.model, EventKind::Block) +
            rt_test::count_of(t.model, EventKind::Park) >=
        1);
  CHECK(rt_test::count_of(t.model, EventKind::Block) ==
        rt_test::count_of(t.model, EventKind::Unblock));
}

TEST_CASE("an exception escaping a thread is reported", "[thread]") {
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    auto res = csp::thread("bad-thread", []() -> int { throw std::runtime_error("disk full"); });
    CHECK_FALSE(res.take_blocking());
  });
  REQUIRE(r.status == csp::RunStatus::Error);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].process == "bad-thread");
  CHECK(r.errors[0].message == "disk full");
}

TEST_CASE("a thread still blocked when main returns is released with Shutdown", "[thread]") {
  bool shutdown_seen = false;
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    auto c = csp::chan<int>("never");
    auto started = csp::chan<int>("started");
    csp::thread("waiter", [=, &shutdown_seen] {
      started.put_blocking(1);
      try {
        c.take_blocking();
      } catch (const csp::Shutdown&) {
        shutdown_seen = true;
        throw;
      }
    });
    started.take_blocking();
  });
  CHECK(r.ok());
  CHECK(shutdown_seen);
}
