// Findings on hand-written fixtures: each finding kind fires with the right severity, strength,
// processes and channels, and the near misses are not flagged as errors.
#include "random_trace.hpp"

#include <csptrace/analysis.hpp>
#include <csptrace/event_format.hpp>
#include <csptrace/trace_reader.hpp>

#include <catch2/catch.hpp>

using namespace csptrace;

namespace {

struct Checked {
  TraceModel model;
  std::vector<Finding> findings;
};

Checked check(const std::string& name) {
  Checked c{load_trace(std::string(CSP_FIXTURES) + "/" + name), {}};
  const Replay r(c.model);
  c.findings = analyze(r);
  return c;
}

std::vector<std::string> kinds(const Checked& c) {
  std::vector<std::string> out;
  for (const Finding& f : c.findings) out.emplace_back(to_string(f.kind));
  return out;
}

std::vector<std::string> procs(const Checked& c, const Finding& f) {
  std::vector<std::string> out;
  for (uint32_t p : f.processes) out.push_back(process_label(c.model, p));
  return out;
}

std::vector<std::string> chans(const Checked& c, const Finding& f) {
  std::vector<std::string> out;
  for (uint32_t ch : f.channels) out.push_back(channel_label(c.model, ch));
  return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("the hot dog machine has no finding", "[analysis]") {
  REQUIRE(check("hotdog.jsonl").findings.empty());
}

TEST_CASE("global-deadlock from the runtime's deadlock event, explained by stranded waits",
          "[analysis]") {
  const Checked c = check("finding-global-deadlock.jsonl");
  REQUIRE(kinds(c) == Names{"global-deadlock", "stranded-wait", "stranded-wait"});
  const Finding& g = c.findings[0];
  REQUIRE(g.severity == Severity::Error);
  REQUIRE(g.strength == Strength::Proven);
  REQUIRE(c.model.kind(g.event) == EventKind::Deadlock);
  REQUIRE(procs(c, g) == Names{"main", "consumer"});
  REQUIRE(g.locations == Names{"pipeline.cpp:30", "pipeline.cpp:22"});
  REQUIRE_THAT(g.explanation, Catch::Contains("2 processes can never run again"));
  // The root cause first: consumer's producer exited without closing data.
  const Finding& root = c.findings[1];
  REQUIRE(procs(c, root) == Names{"consumer"});
  REQUIRE(chans(c, root) == Names{"data"});
  REQUIRE(root.strength == Strength::Proven);
  REQUIRE_THAT(root.explanation, Catch::Contains("producer exited") &&
                                     Catch::Contains("nobody closed \"data\"") &&
                                     Catch::Contains("pipeline.cpp:22"));
  REQUIRE(procs(c, c.findings[2]) == Names{"main"});
  REQUIRE_THAT(c.findings[2].explanation, Catch::Contains("consumer is itself stuck"));
}

TEST_CASE("wait-cycle: two philosophers each holding the fork the other needs", "[analysis]") {
  const Checked c = check("finding-wait-cycle.jsonl");
  REQUIRE(kinds(c) == Names{"global-deadlock", "wait-cycle", "stranded-wait"});
  // Cut short with everything waiting: seen, not reported by the runtime.
  REQUIRE(c.findings[0].strength == Strength::Observed);
  REQUIRE(procs(c, c.findings[0]) == Names{"main", "phil-0", "phil-1"});
  const Finding& cyc = c.findings[1];
  REQUIRE(cyc.severity == Severity::Error);
  REQUIRE(cyc.strength == Strength::Observed);
  REQUIRE(procs(c, cyc) == Names{"phil-0", "phil-1"});
  REQUIRE(chans(c, cyc) == Names{"fork-1", "fork-0"});
  REQUIRE(cyc.cycle.size() == 2);
  for (size_t k = 0; k < cyc.cycle.size(); ++k)
    REQUIRE(cyc.cycle[k].releaser == cyc.cycle[(k + 1) % cyc.cycle.size()].waiter);
  REQUIRE(channel_label(c.model, cyc.cycle[0].chan) == "fork-1");
  REQUIRE(process_label(c.model, cyc.cycle[0].releaser) == "phil-1");
  REQUIRE(procs(c, c.findings[2]) == Names{"main"});
}

TEST_CASE("dead-alt: a server whose every client is gone, while main still runs", "[analysis]") {
  const Checked c = check("finding-dead-alt.jsonl");
  REQUIRE(kinds(c) == Names{"dead-alt"});
  const Finding& f = c.findings[0];
  REQUIRE(f.severity == Severity::Error);
  // main still ran when the trace was cut: the verdict rests on who used the channels.
  REQUIRE(f.strength == Strength::Predicted);
  REQUIRE(procs(c, f) == Names{"server"});
  REQUIRE(chans(c, f) == Names{"requests", "quit"});
  REQUIRE(f.locations == Names{"server.cpp:20"});
  REQUIRE_THAT(f.explanation, Catch::Contains("coordinator exited"));
}

TEST_CASE("timeout-masked-loss: the fetch the alt gave up on parks forever", "[analysis]") {
  const Checked c = check("finding-timeout-masked-loss.jsonl");
  REQUIRE(kinds(c) == Names{"timeout-masked-loss"});  // and no leak warning for fetch on top
  const Finding& f = c.findings[0];
  REQUIRE(f.severity == Severity::Error);
  REQUIRE(f.strength == Strength::Proven);
  REQUIRE(procs(c, f) == Names{"fetch", "main"});
  REQUIRE(chans(c, f) == Names{"reply", "timeout"});
  REQUIRE(f.locations == Names{"fetch.cpp:12"});
  REQUIRE_THAT(f.explanation, Catch::Contains("its value is lost"));
}

TEST_CASE("near miss: a process left parked at a normal exit is only a leak warning",
          "[analysis]") {
  const Checked c = check("nearmiss-leak-only-warning.jsonl");
  REQUIRE(kinds(c) == Names{"leak-at-exit"});
  REQUIRE(c.findings[0].severity == Severity::Warning);
  REQUIRE(c.findings[0].strength == Strength::Proven);
  REQUIRE(procs(c, c.findings[0]) == Names{"logger"});
  REQUIRE(chans(c, c.findings[0]) == Names{"log"});
}

TEST_CASE("near miss: a pending timer is quiescence, not deadlock", "[analysis]") {
  const Checked c = check("nearmiss-pending-timer.jsonl");
  REQUIRE(kinds(c) == Names{"timer-quiescence"});
  REQUIRE(c.findings[0].severity == Severity::Info);
  REQUIRE(procs(c, c.findings[0]) == Names{"main", "worker"});
  REQUIRE(chans(c, c.findings[0]) == Names{"pause", "work"});
}

TEST_CASE("near miss: a reader whose writer still runs when the trace is cut is fine",
          "[analysis]") {
  REQUIRE(check("nearmiss-writer-running.jsonl").findings.empty());
}

TEST_CASE("wait-for edges of the end state are drawn between dead processes", "[analysis]") {
  const TraceModel m = load_trace(std::string(CSP_FIXTURES) + "/finding-wait-cycle.jsonl");
  const Replay r(m);
  const std::vector<WaitEdge> edges = wait_for_edges(r);
  // phil-0 -> phil-1 on fork-1, phil-1 -> phil-0 on fork-0, main -> both on done.
  REQUIRE(edges.size() == 4);
  for (const WaitEdge& e : edges) REQUIRE(e.waiter != e.releaser);
}

TEST_CASE("random runs that the runtime reports deadlocked get a proven global-deadlock",
          "[analysis][property]") {
  size_t deadlocked = 0;
  for (uint64_t seed : {7u, 42u, 3u, 11u}) {
    const TraceModel m = testing::random_trace(seed, 3000);
    const Replay r(m);
    const std::vector<Finding> findings = analyze(r);
    if (m.end_reason() != EndReason::Deadlock) continue;
    ++deadlocked;
    REQUIRE_FALSE(findings.empty());
    REQUIRE(findings[0].kind == FindingKind::GlobalDeadlock);
    REQUIRE(findings[0].strength == Strength::Proven);
    for (const Finding& f : findings) {
      REQUIRE_FALSE(f.explanation.empty());
      REQUIRE_FALSE(f.processes.empty());
    }
  }
  REQUIRE(deadlocked > 0);
}
