// The deterministic scheduler: same program + same seed = the same events.
#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <set>
#include <string>

using namespace std::chrono_literals;
using rt_test::deterministic;

namespace {

// A busy little program: go processes and a thread, buffers, alts with random choices, a
// timeout, a close.
void workload() {
  auto jobs = csp::chan<int>("jobs", csp::fixed(2));
  auto results = csp::chan<int>("results");
  auto quit = csp::chan<csp::Unit>("quit");
  for (int w = 0; w < 3; ++w) {
    csp::go("worker", [=]() -> csp::Proc<void> {
      while (auto j = co_await jobs.take()) co_await results.put(*j * 10 + w);
    });
  }
  csp::go("feeder", [=]() -> csp::Proc<void> {
    for (int i = 0; i < 12; ++i) co_await jobs.put(i);
    jobs.close();
  });
  csp::thread("watcher", [=] {
    auto r = csp::alts_blocking(csp::take(quit), csp::take(csp::timeout(50ms)));
    (void)r;
  });
  for (int i = 0; i < 12; ++i) {
    auto r = csp::alts_blocking(csp::take(results), csp::take(csp::timeout(1s)));
    csp::mark(r.index == 0 ? "result" : "late");
  }
  quit.offer(csp::Unit{});
}

}  // namespace

TEST_CASE("two runs with the same seed record the same events", "[deterministic]") {
  auto a = rt_test::run_traced(deterministic(7), workload, "det_a");
  auto b = rt_test::run_traced(deterministic(7), workload, "det_b");
  REQUIRE(a.result.ok());
  REQUIRE(b.result.ok());
  std::string pa = rt_test::print_no_time(a.path);
  std::string pb = rt_test::print_no_time(b.path);
  REQUIRE(pa.size() > 1000);
  // The header names the program; compare the events.
  CHECK(pa.substr(pa.find('\n')) == pb.substr(pb.find('\n')));
  CHECK(a.model.header().scheduler == "deterministic");
  CHECK(a.model.header().seed == 7);
}

TEST_CASE("different seeds explore different schedules", "[deterministic]") {
  std::set<std::string> schedules;
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    auto t = rt_test::run_traced(deterministic(seed), workload, "det");
    REQUIRE(t.result.ok());
    std::string p = rt_test::print_no_time(t.path);
    schedules.insert(p.substr(p.find('\n')));
  }
  CHECK(schedules.size() > 1);
}
