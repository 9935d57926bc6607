// Unbuffered channels: rendezvous, FIFO order of waiters, offer/poll, close, the pending cap.
#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using csptrace::EventKind;
using rt_test::deterministic;

TEST_CASE("a put and a take meet: the value moves directly", "[channel]") {
  int got = 0;
  auto t = rt_test::run_traced(csp::Options{}, [&] {
    auto c = csp::chan<int>("ping");
    auto res = csp::go("echo", [=]() -> csp::Proc<int> {
      auto v = co_await c.take();
      co_return *v + 1;
    });
    REQUIRE(c.put_blocking(41));
    got = *res.take_blocking();
  });
  REQUIRE(t.result.ok());
  CHECK(got == 42);
  auto transfers = rt_test::events_of(t.model, EventKind::Transfer);
  REQUIRE(transfers.size() == 2);  // ping, then the result
  auto e = t.model.event(transfers[0]);
  CHECK(e.via == csptrace::Via::Direct);
  CHECK(e.value.num == 41);
}

TEST_CASE("waiting putters are served first come, first served", "[channel]") {
  std::vector<int> taken;
  auto t = rt_test::run_traced(deterministic(11), [&] {
    auto c = csp::chan<int>("queue");
    for (int i = 0; i < 6; ++i) csp::go("putter", [=]() -> csp::Proc<void> { co_await c.put(i); });
    csp::timeout(1ms).take_blocking();  // virtual time: every putter has parked by now
    for (int i = 0; i < 6; ++i) taken.push_back(*c.take_blocking());
  });
  REQUIRE(t.result.ok());
  std::vector<int> parked;
  for (size_t i : rt_test::events_of(t.model, EventKind::Park))
    parked.push_back(static_cast<int>(t.model.event(i).value.num));
  REQUIRE(parked.size() == 6);
  CHECK(taken == parked);
}

TEST_CASE("waiting takers are served in order too", "[channel]") {
  std::vector<std::string> order;
  csp::RunResult r = csp::run(deterministic(5), [&] {
    auto c = csp::chan<int>("jobs");
    auto log = csp::chan<std::string>("log", csp::fixed(8));
    std::vector<std::string> names = {"a", "b", "c"};
    for (const auto& n : names)
      csp::go(n, [=]() -> csp::Proc<void> {
        co_await c.take();
        co_await log.put(n);
      });
    csp::timeout(1ms).take_blocking();
    for (int i = 0; i < 3; ++i) c.put_blocking(i);
    csp::timeout(1ms).take_blocking();
    while (auto s = log.poll()) order.push_back(*s);
  });
  REQUIRE(r.ok());
  CHECK(order.size() == 3);
}

TEST_CASE("offer and poll never wait", "[channel]") {
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    auto c = csp::chan<int>("c");
    CHECK_FALSE(c.offer(1));  // nobody takes
    CHECK_FALSE(c.poll());
    auto b = csp::chan<int>("b", csp::fixed(1));
    CHECK(b.offer(1));
    CHECK_FALSE(b.offer(2));  // full
    CHECK(b.poll() == 1);
    CHECK_FALSE(b.poll());
  });
  CHECK(r.ok());
}

TEST_CASE("close: waiting takers get nothing, new puts are refused, close is idempotent",
          "[channel]") {
  bool put_after_close = true;
  std::optional<int> taken_by_waiter = 7;
  auto t = rt_test::run_traced(deterministic(3), [&] {
    auto c = csp::chan<int>("c");
    auto res = csp::go("taker", [=, &taken_by_waiter]() -> csp::Proc<void> {
      taken_by_waiter = co_await c.take();
    });
    csp::timeout(1ms).take_blocking();
    c.close();
    c.close();
    put_after_close = c.put_blocking(1);
    res.take_blocking();
    CHECK_FALSE(c.take_blocking());
  });
  REQUIRE(t.result.ok());
  CHECK_FALSE(taken_by_waiter);
  CHECK_FALSE(put_after_close);
  CHECK(rt_test::count_on(t.model, EventKind::ChanClose, "c") == 1);
  CHECK(rt_test::count_on(t.model, EventKind::Refused, "c") == 3);  // waiter, put, drained take
}

TEST_CASE("close keeps parked puts: later takers still receive them", "[channel]") {
  std::vector<int> got;
  csp::RunResult r = csp::run(deterministic(9), [&] {
    auto c = csp::chan<int>("c");
    auto done = csp::go("putter", [=]() -> csp::Proc<bool> { co_return co_await c.put(5); });
    csp::timeout(1ms).take_blocking();  // the putter is parked
    c.close();
    if (auto v = c.take_blocking()) got.push_back(*v);
    CHECK(done.take_blocking() == true);  // its put completed: the value was taken
    CHECK_FALSE(c.take_blocking());
  });
  REQUIRE(r.ok());
  CHECK(got == std::vector<int>{5});
}

TEST_CASE("the pending-put cap names the channel", "[channel]") {
  csp::Options opt = deterministic(1);
  opt.max_pending = 4;
  csp::RunResult r = csp::run(opt, [&] {
    auto c = csp::chan<int>("crowded");
    for (int i = 0; i < 5; ++i) csp::go("writer", [=]() -> csp::Proc<void> { co_await c.put(i); });
    csp::timeout(1ms).take_blocking();
  });
  REQUIRE(r.status == csp::RunStatus::Error);
  REQUIRE(r.errors.size() == 1);
  CHECK_THAT(r.errors[0].message, Catch::Contains("no more than 4 pending puts") &&
                                      Catch::Contains("'crowded'") &&
                                      Catch::Contains("test_channel.cpp"));
}

TEST_CASE("channel operations outside a run are refused with a clear message", "[channel]") {
  CHECK_THROWS_WITH(csp::chan<int>("x"), Catch::Contains("outside csp::run"));
  csp::Chan<int> none;
  csp::RunResult r = csp::run(
      csp::Options{}, [&] { CHECK_THROWS_WITH(none.offer(1), Catch::Contains("null csp::Chan")); });
  CHECK(r.ok());
}

// The untraced rendezvous takes a shorter path through the channel than the traced one (no
// buffer or trace tests); both apply the one rendezvous rule, so a seeded run makes the same
// decisions traced or not: the same values reach the same takers in the same order.
TEST_CASE("traced and untraced runs of one seed make the same decisions", "[channel][trace]") {
  auto program = [](std::vector<std::string>& log) {
    return [&log] {
      auto rendezvous = csp::chan<int>("rendezvous");
      auto shelf = csp::chan<int>("shelf", csp::fixed(2));
      auto news = csp::chan<int>("news", csp::sliding(1));
      auto done = csp::chan<int>("done", csp::fixed(8));
      for (int p = 0; p < 3; ++p)
        csp::spawn("producer-" + std::to_string(p), [=]() -> csp::Proc<void> {
          for (int i = 0; i < 4; ++i) {
            co_await rendezvous.put(p * 10 + i);
            co_await shelf.put(p * 100 + i);
            news.offer(p * 1000 + i);
          }
          co_await done.put(p);
        });
      for (int c = 0; c < 2; ++c)
        csp::spawn("consumer-" + std::to_string(c), [=, &log]() -> csp::Proc<void> {
          for (;;) {
            auto r = co_await csp::alts(csp::take(rendezvous), csp::take(shelf), csp::take(news));
            const std::optional<int>* v = r.index == 0   ? &r.get<0>()
                                          : r.index == 1 ? &r.get<1>()
                                                         : &r.get<2>();
            if (!v->has_value()) co_return;
            log.push_back("c" + std::to_string(c) + ":" + std::to_string(r.index) + "=" +
                          std::to_string(**v));
          }
        });
      for (int p = 0; p < 3; ++p) done.take_blocking();
      rendezvous.close();
      shelf.close();
      news.close();
    };
  };
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    csp::Options opt;
    opt.seed = seed;
    std::vector<std::string> untraced, traced;
    REQUIRE(csp::run(opt, program(untraced)).ok());
    const rt_test::TracedRun t = rt_test::run_traced(opt, program(traced), "same_decisions");
    REQUIRE(t.result.ok());
    INFO("seed " << seed);
    REQUIRE(untraced.size() >= 12);
    REQUIRE(untraced == traced);
    std::remove(t.path.c_str());
  }
}
