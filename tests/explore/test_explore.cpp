// Exploration (issue 18), in-process (csp::explore) and through the CLI (`csptrace explore`):
// it finds what fails, says when the space is exhausted and how much it pruned, and gives a
// clear answer for programs that crash, hang, or do not use the runtime.
#include "temp_path.hpp"

#include <csp/csp.hpp>
#include <csp/explore.hpp>

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <string>

namespace {

struct Cli {
  int status = -1;
  std::string out;
};

Cli run_csptrace(const std::string& args) {
  const std::string cmd = std::string(CSPTRACE_EXE) + " " + args + " 2>&1";
  Cli r;
  if (FILE* f = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) r.out.append(buf, n);
    const int st = ::pclose(f);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  }
  return r;
}

using csp_test::temp_path;

// The wait-for cycle of samples/cycle.
void cycle_main() {
  auto to_a = csp::chan<int>("to-alice"), to_b = csp::chan<int>("to-bob");
  auto a = csp::go("alice", [=]() -> csp::Proc<void> {
    co_await to_a.take();
    co_await to_b.put(1);
  });
  auto b = csp::go("bob", [=]() -> csp::Proc<void> {
    co_await to_b.take();
    co_await to_a.put(1);
  });
  a.take_blocking();
  b.take_blocking();
}

// Correct: a worker answers every request.
void echo_main() {
  auto req = csp::chan<int>("req"), rep = csp::chan<int>("rep");
  csp::go("worker", [=]() -> csp::Proc<void> {
    while (auto v = co_await req.take()) co_await rep.put(*v + 1);
  });
  for (int i = 0; i < 3; ++i) {
    req.put_blocking(i);
    rep.take_blocking();
  }
  req.close();
}

}  // namespace

TEST_CASE("csp::explore finds a wait-for cycle and saves a trace that replays", "[explore]") {
  csptrace::ExploreOptions o;
  o.max_runs = 50;
  o.output = temp_path("cycle.csptrace");
  const csptrace::ExploreReport r = csp::explore(o, cycle_main);
  REQUIRE(r.found.size() == 1);
  CHECK(r.found[0].headline.find("error: global-deadlock") == 0);
  CHECK(r.found[0].trace == o.output);
  REQUIRE(std::filesystem::exists(o.output));
  CHECK(run_csptrace("check " + o.output).status == 1);
  csp::Options replay;
  replay.replay = o.output;
  CHECK(csp::run(replay, cycle_main).status == csp::RunStatus::Deadlock);
}

TEST_CASE("csp::explore runs a correct program untraced and finds nothing", "[explore]") {
  for (auto strategy : {csptrace::ExploreStrategy::Random, csptrace::ExploreStrategy::Pct}) {
    csptrace::ExploreOptions o;
    o.strategy = strategy;
    o.max_runs = 500;
    const csptrace::ExploreReport r = csp::explore(o, echo_main);
    CHECK(r.found.empty());
    CHECK(r.runs == 500);
    REQUIRE(r.outcomes.size() == 1);
    CHECK(r.outcomes.begin()->first == "ok");
  }
}

TEST_CASE("dfs exhausts a small program and prunes the orders of independent steps", "[explore]") {
  const Cli independent =
      run_csptrace(std::string("explore --strategy dfs --runs 100000 -- ") + PAIRS_EXE);
  INFO(independent.out);
  CHECK(independent.status == 0);
  CHECK(independent.out.find("no error finding in any of the ") != std::string::npos);
  CHECK(independent.out.find("pruned as equivalent") != std::string::npos);
  // Sharing one channel makes more orders matter: 400 runs do not exhaust them.
  const Cli shared =
      run_csptrace(std::string("explore --strategy dfs --runs 400 -- ") + PAIRS_EXE + " --shared");
  INFO(shared.out);
  CHECK(shared.status == 0);
  CHECK(shared.out.find("no error finding in 400 runs") != std::string::npos);
  const std::string key = "any of the ";
  const size_t at = independent.out.find(key);
  REQUIRE(at != std::string::npos);
  CHECK(std::stoul(independent.out.substr(at + key.size())) < 400);
}

TEST_CASE("explore reports a crash with its schedule and keeps the trace", "[explore]") {
  const std::string keep = temp_path("keep");
  const Cli r = run_csptrace("explore --runs 100 --no-shrink --keep " + keep + " -o " +
                             temp_path("crash.csptrace") + " -- " + CRASH_EXE);
  INFO(r.out);
  CHECK(r.status == 1);
  CHECK(r.out.find("the program died of SIGSEGV") != std::string::npos);
  CHECK(r.out.find("schedule: random:seed=") != std::string::npos);
  CHECK(std::filesystem::exists(keep + "/failure-1.csptrace"));
  CHECK(run_csptrace("validate " + keep + "/failure-1.csptrace").status == 0);
}

TEST_CASE("explore kills a run that does not finish and reports it", "[explore]") {
  const Cli r = run_csptrace("explore --runs 20 --no-shrink --run-timeout 0.5 -o " +
                             temp_path("spin.csptrace") + " -- " + SPIN_EXE);
  INFO(r.out);
  CHECK(r.status == 1);
  CHECK(r.out.find("did not finish within the run timeout") != std::string::npos);
}

TEST_CASE("explore refuses what it cannot explore, with a reason", "[explore]") {
  const Cli not_csp = run_csptrace("explore --runs 5 -- /bin/true");
  CHECK(not_csp.status == 2);
  CHECK(not_csp.out.find("wrote no trace") != std::string::npos);
  const Cli missing = run_csptrace("explore --runs 5 -- /nonexistent/program");
  CHECK(missing.status == 2);
  CHECK(missing.out.find("/nonexistent/program") != std::string::npos);
  const Cli typo = run_csptrace(std::string("explore --stratgy pct -- ") + PAIRS_EXE);
  CHECK(typo.status == 2);
  CHECK(typo.out.find("did you mean --strategy?") != std::string::npos);
  CHECK(run_csptrace(std::string("explore --shard 3/2 -- ") + PAIRS_EXE).status == 2);
  CHECK(run_csptrace(std::string("explore --shard 1/2 --strategy dfs -- ") + PAIRS_EXE).status ==
        2);
  CHECK(run_csptrace("explore --runs 5").status == 2);
}

TEST_CASE("shards explore disjoint runs and their reports merge", "[explore]") {
  const std::string dir = temp_path("shards");
  std::filesystem::create_directories(dir);
  for (int k = 1; k <= 2; ++k) {
    const Cli r = run_csptrace("explore --runs 15 --shard " + std::to_string(k) + "/2 --report " +
                               dir + "/shard-" + std::to_string(k) + ".json -- " + PAIRS_EXE);
    INFO(r.out);
    CHECK(r.status == 0);
    CHECK(r.out.find("shard " + std::to_string(k) + "/2") != std::string::npos);
  }
  const Cli merged = run_csptrace("explore --merge " + dir);
  INFO(merged.out);
  CHECK(merged.status == 0);
  CHECK(merged.out.find("no error finding in 30 runs") != std::string::npos);
}
