// The schedule as data (issue 18): every decision of the deterministic scheduler comes from a
// strategy and is recorded as a `decide` event; a trace's decisions replay it exactly; a program
// that no longer matches its trace stops at the first decision that differs; timers race the
// processes when the strategy says so; a parked alt's fairness among guards on one channel.
#include "trace_helpers.hpp"

#include <csptrace/schedule_spec.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

using namespace std::chrono_literals;

namespace {

csp::Options scheduled(const std::string& spec) {
  csp::Options o;
  o.schedule = spec;
  return o;
}

// Three workers hand their results to main through one channel, with an alt in the middle:
// every kind of decision (run picks, a guard pick among ready guards).
int g_extra_worker = 0;  // 1: the program "changed" (one more worker)
auto workers() {
  return [] {
    auto results = csp::chan<int>("results");
    auto side = csp::chan<int>("side", csp::fixed(1));
    const int n = 3 + g_extra_worker;
    for (int i = 0; i < n; ++i)
      csp::go("worker-" + std::to_string(i), [=]() -> csp::Proc<void> { co_await results.put(i); });
    side.put_blocking(42);
    int got = 0;
    while (got < n) {
      auto r = csp::alts_blocking(csp::take(results), csp::take(side));
      if (r.index == 0) ++got;
    }
  };
}

}  // namespace

TEST_CASE("a replay of a seeded run makes the same run, event for event", "[schedule]") {
  for (uint64_t seed : {1, 2, 3, 17}) {
    g_extra_worker = 0;
    const rt_test::TracedRun original =
        rt_test::run_traced(rt_test::deterministic(seed), workers(), "orig");
    REQUIRE(rt_test::count_of(original.model, csptrace::EventKind::Decide) > 3);
    csp::Options replay;
    replay.replay = original.path;
    const rt_test::TracedRun again = rt_test::run_traced(replay, workers(), "orig");
    CHECK(again.result.ok());
    CHECK(rt_test::print_no_time(again.path) == rt_test::print_no_time(original.path));
    CHECK(again.model.header().seed == seed);
  }
}

TEST_CASE("a replay of a program that changed stops at the first decision that differs",
          "[schedule]") {
  g_extra_worker = 0;
  const rt_test::TracedRun original =
      rt_test::run_traced(rt_test::deterministic(5), workers(), "orig");
  g_extra_worker = 1;
  csp::Options replay;
  replay.replay = original.path;
  const rt_test::TracedRun again = rt_test::run_traced(replay, workers(), "changed");
  g_extra_worker = 0;
  CHECK(again.result.status == csp::RunStatus::Error);
  INFO(again.result.message);
  CHECK(again.result.message.find("replay diverged at decision ") != std::string::npos);
  CHECK(again.result.message.find("worker-") != std::string::npos);  // names the processes
  CHECK(again.result.message.find("was it changed") != std::string::npos);
  CHECK(again.model.end_reason() == csptrace::EndReason::Diverged);
}

TEST_CASE("a replay of a trace without decisions says what to record instead", "[schedule]") {
  csp::Options pool;
  const rt_test::TracedRun original = rt_test::run_traced(pool, workers(), "pool");
  csp::Options replay;
  replay.replay = original.path;
  bool ran = false;
  const csp::RunResult r = csp::run(replay, [&] { ran = true; });
  CHECK_FALSE(ran);
  CHECK(r.status == csp::RunStatus::Error);
  CHECK(r.message.find("pool scheduler") != std::string::npos);
  CHECK(r.message.find("the program did not run") != std::string::npos);
}

TEST_CASE("a replay of a file that cannot be read is the run's error, named, before main runs",
          "[schedule]") {
  csp::Options replay;
  replay.replay = "/nonexistent/run.csptrace";
  bool ran = false;
  const csp::RunResult r = csp::run(replay, [&] { ran = true; });
  CHECK_FALSE(ran);
  CHECK(r.status == csp::RunStatus::Error);
  CHECK(r.exit_code() == 1);
  CHECK(r.message.find("/nonexistent/run.csptrace") != std::string::npos);
}

TEST_CASE("every strategy is deterministic: one spec, one run", "[schedule]") {
  for (const char* spec :
       {"random:seed=3,timers=race", "pct:seed=3,depth=2,steps=20", "pct:seed=9,depth=3"}) {
    const auto a = rt_test::run_traced(scheduled(spec), workers(), "a");
    const auto b = rt_test::run_traced(scheduled(spec), workers(), "b");
    INFO(spec);
    CHECK(rt_test::print_no_time(a.path) == rt_test::print_no_time(b.path));
    CHECK(a.model.header().strategy.starts_with(std::string(spec).substr(0, 3)));
  }
}

TEST_CASE("a prefix forces its decisions, then runs the oldest process first", "[schedule]") {
  const std::string list = rt_test::temp_trace_path("prefix") + ".decisions";
  // worker-2 (process 4: main is 1, the channels' owners are not processes) runs first.
  const auto base = rt_test::run_traced(scheduled("random:seed=1"), workers(), "base");
  csptrace::ProcId worker2 = 0;
  for (const auto& p : base.model.processes())
    if (base.model.str(p.name) == "worker-2") worker2 = p.id;
  REQUIRE(worker2 != 0);
  csptrace::ScheduledDecision d;
  d.proc = worker2;
  csptrace::write_decision_list(list, {d});
  const auto forced = rt_test::run_traced(scheduled("prefix:path=" + list), workers(), "forced");
  const auto decides = rt_test::events_of(forced.model, csptrace::EventKind::Decide);
  REQUIRE(decides.size() >= 2);
  CHECK(forced.model.event(decides[0]).proc == worker2);
  // After the prefix: the lowest id among the runnable.
  const csptrace::Event second = forced.model.event(decides[1]);
  if (second.decision == csptrace::Decision::Run) CHECK(second.proc < worker2);
}

// Go's select and core.async's alts race a timeout against a worker; with virtual time that
// fires only when nothing else can run, the timeout never wins. timers=race explores both.
TEST_CASE("timers=race lets a due timer fire before a runnable worker answers", "[schedule]") {
  auto race = [] {
    auto answer = csp::chan<int>("answer", csp::fixed(1));
    csp::go("worker", [=]() -> csp::Proc<void> { co_await answer.put(1); });
    auto r = csp::alts_blocking(csp::take(answer), csp::take(csp::timeout(1h)));
    if (r.index == 1) csp::mark("timed out");
  };
  int timed_out_idle = 0, timed_out_race = 0;
  for (uint64_t seed = 0; seed < 64; ++seed) {
    const auto idle =
        rt_test::run_traced(scheduled("random:seed=" + std::to_string(seed)), race, "idle");
    timed_out_idle += rt_test::count_of(idle.model, csptrace::EventKind::Mark) > 0;
    const auto raced = rt_test::run_traced(
        scheduled("random:seed=" + std::to_string(seed) + ",timers=race"), race, "race");
    timed_out_race += rt_test::count_of(raced.model, csptrace::EventKind::Mark) > 0;
  }
  CHECK(timed_out_idle == 0);
  CHECK(timed_out_race > 5);
  CHECK(timed_out_race < 59);
}

// Go runtime/chan_test.go TestPseudoRandomSend, on the deterministic scheduler over many seeds:
// a parked select with two put guards on one channel; which guard the receiver completes must
// be a fair choice, not always the first listed.
TEST_CASE(
    "go chan_test.go TestPseudoRandomSend: a parked alt's guards on one channel are served fairly",
    "[schedule]") {
  int zeros = 0, ones = 0;
  for (uint64_t seed = 0; seed < 100; ++seed) {
    int got = -1;
    const csp::RunResult r = csp::run(rt_test::deterministic(seed), [&] {
      auto c = csp::chan<int>("c");
      csp::go("sender",
              [=]() -> csp::Proc<void> { co_await csp::alts(csp::put(c, 1), csp::put(c, 0)); });
      csp::timeout(1ms).take_blocking();  // the sender parks on both guards meanwhile
      got = c.take_blocking().value_or(-1);
    });
    REQUIRE(r.ok());
    zeros += got == 0;
    ones += got == 1;
  }
  CHECK(zeros > 20);
  CHECK(ones > 20);
}
