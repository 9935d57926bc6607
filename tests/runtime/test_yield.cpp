// co_await csp::yield() and csp::yield_blocking() (csp/yield.hpp): the yielder goes behind the
// processes runnable when it yields, on both schedulers; a yielding loop starves nobody and is
// never taken for a deadlock; a deterministic run with yields replays event for event.
#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace {

struct Log {
  std::mutex mu;
  std::vector<std::string> order;
  void add(std::string s) {
    std::lock_guard lk(mu);
    order.push_back(std::move(s));
  }
};

// "a" starts "b" and "c" (both runnable), then yields: both run before "a" goes on.
std::vector<std::string> yield_order(const csp::Options& opt) {
  auto log = std::make_shared<Log>();
  const auto r = csp::run(opt, [=] {
    auto a = csp::go("a", [=]() -> csp::Proc<void> {
      auto b = csp::go("b", [=]() -> csp::Proc<void> {
        log->add("b");
        co_return;
      });
      auto c = csp::go("c", [=]() -> csp::Proc<void> {
        log->add("c");
        co_return;
      });
      co_await csp::yield();
      log->add("a");
      co_await b.take();
      co_await c.take();
    });
    a.take_blocking();
  });
  CHECK(r.ok());
  return log->order;
}

// Two processes yield in a loop n times each, bumping their counters; nothing else runs.
csp::RunResult yield_loops(const csp::Options& opt, int n) {
  return csp::run(opt, [=] {
    std::vector<csp::Chan<int>> done;
    for (int k = 0; k < 2; ++k)
      done.push_back(csp::go("yielder", [=]() -> csp::Proc<int> {
        int i = 0;
        for (; i < n; ++i) co_await csp::yield();
        co_return i;
      }));
    for (auto& d : done) CHECK(d.take_blocking() == n);
  });
}

}  // namespace

TEST_CASE("yield: the processes runnable at a yield run before the yielder goes on", "[yield]") {
  for (uint64_t seed = 1; seed <= 50; ++seed) {
    INFO("seed " << seed);
    const auto order = yield_order(rt_test::deterministic(seed));
    REQUIRE(order.size() == 3);
    CHECK(order[2] == "a");
  }
  csp::Options one_worker;  // a single worker runs its queue in order: b, c, then a
  one_worker.workers = 1;
  for (int i = 0; i < 20; ++i)
    CHECK(yield_order(one_worker) == std::vector<std::string>{"b", "c", "a"});
}

TEST_CASE("yield: yielding loops end, on both schedulers, and are not a deadlock", "[yield]") {
  for (uint64_t seed = 1; seed <= 10; ++seed)
    CHECK(yield_loops(rt_test::deterministic(seed), 500).ok());
  CHECK(yield_loops(csp::Options{}, 20000).ok());
}

TEST_CASE("yield: a lone yielder goes on at once, a yield_blocking main lets processes run",
          "[yield]") {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    auto ran = std::make_shared<std::atomic<bool>>(false);
    const auto r = csp::run(rt_test::deterministic(seed), [=] {
      csp::spawn("worker", [=]() -> csp::Proc<void> {
        ran->store(true);
        co_await csp::yield();  // behind main, which yielded first
      });
      csp::yield_blocking();  // the worker runs (deterministic: main drives the loop)
      CHECK(ran->load());
      auto lone = csp::go("lone", []() -> csp::Proc<int> {
        co_await csp::yield();  // nothing else can run (main waits on its result): goes on
        co_return 1;
      });
      CHECK(lone.take_blocking() == 1);
    });
    CHECK(r.ok());
  }
  const auto r = csp::run(csp::Options{}, [] { csp::yield_blocking(); });
  CHECK(r.ok());
}

TEST_CASE("yield: yield_blocking in a go process is a BlockingCallError", "[yield]") {
  const auto r = csp::run(rt_test::deterministic(1), [] {
    auto g = csp::go("g", []() -> csp::Proc<bool> {
      try {
        csp::yield_blocking();
      } catch (const csp::BlockingCallError&) {
        co_return true;
      }
      co_return false;
    });
    CHECK(g.take_blocking() == true);
  });
  CHECK(r.ok());
}

TEST_CASE("yield: a seeded run with yields replays event for event", "[yield][schedule]") {
  const auto program = [] {
    auto c = csp::chan<int>("c");
    for (int k = 0; k < 3; ++k)
      csp::spawn("sender", [=]() -> csp::Proc<void> {
        for (int i = 0; i < 5; ++i) {
          co_await csp::yield();
          co_await c.put(k * 10 + i);
        }
      });
    for (int i = 0; i < 15; ++i) {
      c.take_blocking();
      if (i % 4 == 0) csp::yield_blocking();
    }
  };
  for (uint64_t seed : {1, 2, 3}) {
    const auto original = rt_test::run_traced(rt_test::deterministic(seed), program, "yield");
    REQUIRE(original.result.ok());
    csp::Options replay;
    replay.replay = original.path;
    const auto again = rt_test::run_traced(replay, program, "yield");
    CHECK(again.result.ok());
    CHECK(rt_test::print_no_time(again.path) == rt_test::print_no_time(original.path));
  }
}
