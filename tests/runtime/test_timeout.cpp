// timeout channels: close after their duration; real time on the pool, virtual time when
// deterministic.
#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace std::chrono_literals;
using csptrace::EventKind;
using rt_test::deterministic;

TEST_CASE("a timeout channel closes after its duration", "[timeout]") {
  auto start = std::chrono::steady_clock::now();
  auto t = rt_test::run_traced(csp::Options{}, [&] {
    auto to = csp::timeout(20ms);
    CHECK_FALSE(to.take_blocking());
    CHECK(to.closed());
  });
  CHECK(std::chrono::steady_clock::now() - start >= 20ms);
  REQUIRE(t.result.ok());
  auto fires = rt_test::events_of(t.model, EventKind::TimerFire);
  REQUIRE(fires.size() == 1);
  CHECK(t.model.kind(fires[0] + 1) == EventKind::ChanClose);
  CHECK_FALSE(t.model.event(fires[0] + 1).has(csptrace::Field::proc));
  auto makes = rt_test::events_of(t.model, EventKind::ChanMake);
  REQUIRE(makes.size() == 1);
  CHECK(t.model.event(makes[0]).buffer == csptrace::BufferKind::Timer);
  CHECK(t.model.event(makes[0]).duration == 20'000'000);
  CHECK(t.model.kind(makes[0] + 1) == EventKind::TimerArm);
}

TEST_CASE("deterministic timeouts use virtual time: an hour passes at once", "[timeout]") {
  auto start = std::chrono::steady_clock::now();
  csp::RunResult r = csp::run(deterministic(1), [&] {
    auto late = csp::timeout(std::chrono::hours(1));
    auto early = csp::timeout(1ms);
    auto first = csp::alts_blocking(csp::take(late), csp::take(early));
    CHECK(first.index == 1);  // the earlier deadline fires first
    late.take_blocking();
  });
  CHECK(r.ok());
  CHECK(std::chrono::steady_clock::now() - start < 5s);
}
