// Findings on hand-written fixtures: each finding kind fires with the right severity, strength,
// processes and channels, and the near misses are not flagged as errors.
#include "random_trace.hpp"
#include "temp_path.hpp"

#include <csptrace/analysis.hpp>
#include <csptrace/event_format.hpp>
#include <csptrace/trace_reader.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <random>
#include <stdexcept>

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

TEST_CASE("global-deadlock names a process once when the runtime's stuck events name it twice",
          "[analysis]") {
  const std::string path = csp_test::temp_path("stuck-twice.jsonl");
  std::ofstream(path)
      << R"({"kind":"header","format":"cspscope-trace","version":1,"program":"t"})"
         "\n"
      << R"({"seq":1,"t":1,"kind":"spawn","proc":1,"name":"main","mode":"main"})"
         "\n"
      << R"({"seq":2,"t":2,"kind":"chan_make","chan":1,"name":"c","buffer":"unbuffered","cap":0,"proc":1})"
         "\n"
      << R"({"seq":3,"t":3,"kind":"spawn","proc":2,"name":"sleeper","mode":"go","partner":1})"
         "\n"
      << R"({"seq":4,"t":4,"kind":"park","proc":2,"op":"take","chan":1})"
         "\n"
      << R"({"seq":5,"t":5,"kind":"block","proc":1,"op":"take","chan":1})"
         "\n"
      << R"({"seq":6,"t":6,"kind":"deadlock","message":"2 processes can never run again"})"
         "\n"
      << R"({"seq":7,"t":7,"kind":"stuck","proc":2,"op":"take","chan":1})"
         "\n"
      << R"({"seq":8,"t":8,"kind":"stuck","proc":2,"op":"take","chan":1})"
         "\n"
      << R"({"seq":9,"t":9,"kind":"stuck","proc":1,"op":"take","chan":1})"
         "\n"
      << R"({"seq":10,"t":10,"kind":"end","reason":"deadlock"})"
         "\n";
  Checked c{load_trace(path), {}};
  c.findings = analyze(Replay(c.model));
  REQUIRE(!c.findings.empty());
  REQUIRE(kinds(c).front() == "global-deadlock");
  CHECK(procs(c, c.findings.front()) == Names{"sleeper", "main"});
}

TEST_CASE("stranded-wait: a partial deadlock while an unrelated thread keeps running",
          "[analysis]") {
  const Checked c = check("finding-stranded-wait.jsonl");
  // ticker still runs, so there is no global deadlock (Go would see nothing at all here).
  REQUIRE(kinds(c) == Names{"stranded-wait", "stranded-wait"});
  const Finding& root = c.findings[0];
  REQUIRE(root.severity == Severity::Error);
  REQUIRE(root.strength == Strength::Predicted);
  REQUIRE(procs(c, root) == Names{"consumer"});
  REQUIRE(chans(c, root) == Names{"data"});
  REQUIRE(root.locations == Names{"stats.cpp:22"});
  REQUIRE_THAT(root.explanation,
               Catch::Contains("producer exited") && Catch::Contains("Close \"data\""));
  REQUIRE(procs(c, c.findings[1]) == Names{"main"});
  REQUIRE(chans(c, c.findings[1]) == Names{"result"});
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

TEST_CASE("wait-cycle: philosophers holding forks main laid out, main only joins", "[analysis]") {
  // Nobody ever put a fork back, so only the rule "who took a value may put it back" connects
  // the philosophers; main waits for phil-0 to finish and is a victim, not part of the cycle.
  const Checked c = check("finding-wait-cycle-forks.jsonl");
  REQUIRE(kinds(c) == Names{"global-deadlock", "wait-cycle"});
  const Finding& f = c.findings[1];
  REQUIRE(f.strength == Strength::Proven);
  REQUIRE(procs(c, f) == Names{"phil-0", "phil-1", "phil-2", "main"});
  REQUIRE(chans(c, f) == Names{"fork-1", "fork-2", "fork-0", "phil-0"});
  REQUIRE(f.cycle.size() == 3);
  for (size_t k = 0; k < f.cycle.size(); ++k) {
    REQUIRE(process_label(c.model, f.cycle[k].waiter) == "phil-" + std::to_string(k));
    REQUIRE(f.cycle[k].releaser == f.cycle[(k + 1) % 3].waiter);
  }
  REQUIRE_THAT(f.explanation, Catch::Contains("Caught in it too") &&
                                  Catch::Contains("main is blocked at forks.cpp:30"));
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

TEST_CASE("blocked-at-exit: a process left waiting at a normal exit is an error", "[analysis]") {
  const Checked c = check("finding-blocked-at-exit.jsonl");
  REQUIRE(kinds(c) == Names{"blocked-at-exit"});
  const Finding& f = c.findings[0];
  REQUIRE(f.severity == Severity::Error);
  REQUIRE(f.strength == Strength::Proven);
  REQUIRE(procs(c, f) == Names{"logger"});
  REQUIRE(chans(c, f) == Names{"log"});
  REQUIRE(f.locations == Names{"app.cpp:9"});
  REQUIRE_THAT(f.explanation, Catch::Contains("Only main ever put on \"log\": main exited"));
  REQUIRE_THAT(f.explanation, Catch::Contains("csp::daemon"));
}

TEST_CASE("near miss: a daemon left waiting at a normal exit is no finding", "[analysis]") {
  const Checked c = check("nearmiss-daemon-at-exit.jsonl");
  REQUIRE(c.model.processes()[1].role == ProcRole::Daemon);
  REQUIRE(c.findings.empty());
}

TEST_CASE("predicted: only a sleeper that has not touched the channel could release it",
          "[analysis]") {
  const Checked c = check("finding-predicted-sleeper.jsonl");
  REQUIRE(kinds(c) == Names{"stranded-wait", "timer-quiescence"});
  const Finding& f = c.findings[0];
  REQUIRE(f.severity == Severity::Warning);
  REQUIRE(f.strength == Strength::Predicted);
  REQUIRE(procs(c, f) == Names{"worker"});
  REQUIRE_THAT(f.explanation, Catch::Contains("main is asleep until 500.005 ms and has not used "
                                              "\"work\" since worker began waiting"));
  REQUIRE(c.findings[1].severity == Severity::Info);
  REQUIRE(procs(c, c.findings[1]) == Names{"main", "worker"});
  REQUIRE(chans(c, c.findings[1]) == Names{"pause", "work"});
}

TEST_CASE("predicted: only a process that may hold the channel could release it", "[analysis]") {
  const Checked c = check("finding-predicted-may-hold.jsonl");
  REQUIRE(kinds(c) == Names{"stranded-wait", "stranded-wait"});
  for (const Finding& f : c.findings) {
    REQUIRE(f.severity == Severity::Warning);
    REQUIRE(f.strength == Strength::Predicted);
    REQUIRE_THAT(f.explanation,
                 Catch::Contains("writer (it may hold \"lines\" but never used it)") ||
                     Catch::Contains("unless writer acts"));
  }
}

TEST_CASE("near miss: a pending timer everyone sleeps on is quiescence, not deadlock",
          "[analysis]") {
  const Checked c = check("nearmiss-pending-timer.jsonl");
  REQUIRE(kinds(c) == Names{"timer-quiescence"});
  REQUIRE(c.findings[0].severity == Severity::Info);
  REQUIRE(procs(c, c.findings[0]) == Names{"main", "worker"});
}

TEST_CASE("near miss: a reader whose writer still runs when the trace is cut is fine",
          "[analysis]") {
  REQUIRE(check("nearmiss-writer-running.jsonl").findings.empty());
}

TEST_CASE("wait-for edges of the end state are drawn between dead processes", "[analysis]") {
  const TraceModel m = load_trace(std::string(CSP_FIXTURES) + "/finding-wait-cycle.jsonl");
  const Replay r(m);
  const Verdict v = judge(r);
  // phil-0 -> phil-1 on fork-1 and phil-1 -> phil-0 on fork-0. main waits on "done", which
  // nobody ever put on: its children may hold it, but an edge needs an operation done or a
  // value held, so main is stuck with no edge.
  REQUIRE(v.wait_for.size() == 2);
  for (const WaitEdge& e : v.wait_for) REQUIRE(e.waiter != e.releaser);
  std::vector<std::string> stuck;
  for (uint32_t p : v.stuck) stuck.push_back(process_label(m, p));
  REQUIRE(stuck == Names{"main", "phil-0", "phil-1"});
  REQUIRE(v.findings == analyze(r));
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

TEST_CASE("replay and analysis survive traces that break the protocol", "[analysis][replay]") {
  // Random traces with random events left out (a resume without its park, a transfer without
  // its waiter, ...): whatever the schema accepts must replay and analyse without failing, and
  // random access must still agree with a replay from scratch.
  std::mt19937_64 rng(5);
  for (uint64_t seed : {1u, 2u, 3u}) {
    const TraceModel full = testing::random_trace(seed, 1500);
    TraceModelBuilder b("holes");
    for (size_t s = 1; s < full.strings().size(); ++s)
      b.strings().intern(full.strings().get(StrId(s)));
    for (size_t i = 0; i < full.size(); ++i) {
      if (rng() % 8 == 0) continue;
      try {
        b.add(full.event(i));
      } catch (const std::invalid_argument&) {
        // it referred to something left out: leave it out too
      }
    }
    const TraceModel m = std::move(b).finish();
    const Replay r(m, 16);
    (void)judge(r);
    for (int n = 0; n < 20; ++n) {
      const size_t k = rng() % m.size();
      ReplayState s = initial_state(m);
      while (s.steps <= k) advance(m, s);
      REQUIRE(r.state_at(k) == s);
    }
  }
}

TEST_CASE("traces the runtime recorded for the samples get their verdicts",
          "[analysis][recorded]") {
  // Recorded with the integ branch's samples, --seed 1: philosophers --deadlock, timeout_leak,
  // and pubsub (a correct program with combinators and a slow subscriber).
  const Checked phil = check("finding-recorded-philosophers.jsonl");
  REQUIRE(kinds(phil) == Names{"global-deadlock", "wait-cycle"});
  REQUIRE(phil.findings[1].cycle.size() == 5);
  REQUIRE(procs(phil, phil.findings[1]).back() == "main");  // joins phil-0: caught in it

  const Checked leak = check("finding-recorded-timeout-leak.jsonl");
  REQUIRE(kinds(leak) == Names{"timeout-masked-loss"});
  REQUIRE(procs(leak, leak.findings[0]) == Names{"child", "parent"});

  REQUIRE(check("nearmiss-recorded-pubsub.jsonl").findings.empty());
}

TEST_CASE("issue 19: a lock handed to a parked taker is held: the AB-BA cycle is a wait-cycle",
          "[analysis]") {
  const Checked c = check("finding-wait-cycle-handoff.jsonl");
  REQUIRE(kinds(c) == Names{"wait-cycle"});
  const Finding& f = c.findings[0];
  REQUIRE(f.severity == Severity::Error);
  REQUIRE(procs(c, f) == Names{"P2", "P3"});
  REQUIRE_THAT(f.explanation, Catch::Contains("which only P2 could put back (P2 holds a value "
                                              "taken from it)"));
}

TEST_CASE(
    "issue 19: waiting for one's own signal is said so, not explained as a cycle, and the "
    "runtime's join thread is never named",
    "[analysis]") {
  const Checked c = check("finding-self-wait.jsonl");
  REQUIRE(kinds(c) == Names{"global-deadlock", "stranded-wait", "stranded-wait"});
  for (const Finding& f : c.findings) {
    for (const std::string& p : procs(c, f)) REQUIRE(p != "run");
    REQUIRE_THAT(f.explanation, !Catch::Contains("run.hpp"));
  }
  REQUIRE_THAT(c.findings[1].explanation,
               Catch::Contains("all wait on it themselves, so none of them can: they wait for a "
                               "signal only they could send"));
  REQUIRE_THAT(c.findings[1].explanation, !Catch::Contains("Close \"stopped\" when"));
}

TEST_CASE("issue 19: a full buffer nobody reads is called full, its putters are no cycle",
          "[analysis]") {
  const Checked c = check("finding-full-buffer.jsonl");
  REQUIRE(kinds(c) == Names{"blocked-at-exit", "blocked-at-exit"});
  for (const Finding& f : c.findings)
    REQUIRE_THAT(f.explanation, Catch::Contains("The buffer of \"results\" is full (4 of 4) and "
                                                "nobody ever took from it"));
}

TEST_CASE("issue 19: a cycle that only a sleeping main could break is predicted, a warning",
          "[analysis]") {
  const Checked c = check("finding-predicted-cycle.jsonl");
  REQUIRE(kinds(c) == Names{"wait-cycle", "timer-quiescence"});
  const Finding& f = c.findings[0];
  REQUIRE(f.severity == Severity::Warning);
  REQUIRE(f.strength == Strength::Predicted);
  REQUIRE(procs(c, f) == Names{"P", "Q"});
  REQUIRE(f.cycle.size() == 2);
  REQUIRE_THAT(f.explanation, Catch::Contains("the only process left that could release them "
                                              "is main (asleep until 60.000 s"));
}

TEST_CASE("a finding about many processes or guards explains the first 20 and counts the rest",
          "[analysis]") {
  // issue 21: a leak of 200 000 processes was one sentence each (8.5 MB of text), an alt over
  // a million guards a million sentences.
  const std::string path = csp_test::temp_path("many.jsonl");
  {
    std::ofstream out(path);
    int seq = 0;
    auto line = [&](const std::string& body) {
      ++seq;
      out << R"({"seq":)" << seq << R"(,"t":)" << seq << "," << body << "}\n";
    };
    out << R"({"kind":"header","format":"cspscope-trace","version":1,"program":"t"})"
        << "\n";
    line(R"("kind":"spawn","proc":1,"name":"main","mode":"main")");
    for (int c = 1; c <= 30; ++c)
      line(R"("kind":"chan_make","chan":)" + std::to_string(c) + R"(,"name":"c)" +
           std::to_string(c) + R"(","buffer":"unbuffered","cap":0,"proc":1)");
    for (int p = 2; p <= 31; ++p)  // 30 processes left runnable at the end
      line(R"("kind":"spawn","proc":)" + std::to_string(p) + R"(,"name":"w)" + std::to_string(p) +
           R"(","mode":"go","partner":1)");
    // an alt over 30 guards nobody can serve
    line(R"("kind":"spawn","proc":40,"name":"server","mode":"go","partner":1)");
    line(R"("kind":"alt_offer","proc":40,"alt":1)");
    for (int c = 1; c <= 30; ++c)
      line(R"("kind":"alt_guard","proc":40,"alt":1,"index":)" + std::to_string(c - 1) +
           R"(,"op":"take","chan":)" + std::to_string(c) + R"(,"ready":false)");
    line(R"("kind":"park","proc":40,"op":"alts","alt":1)");
    line(R"("kind":"exit","proc":1,"status":"ok")");
    line(R"("kind":"end","reason":"normal")");
  }
  Checked c{load_trace(path), {}};
  c.findings = analyze(Replay(c.model));
  const Finding* leak = nullptr;
  const Finding* alt = nullptr;
  for (const Finding& f : c.findings) {
    if (f.kind == FindingKind::LeakAtExit) leak = &f;
    if (f.kind == FindingKind::BlockedAtExit || f.kind == FindingKind::DeadAlt) alt = &f;
  }
  REQUIRE(leak != nullptr);
  CHECK(leak->processes.size() == 30);  // every one is listed
  CHECK_THAT(leak->explanation, Catch::StartsWith("30 processes were still running"));
  CHECK_THAT(leak->explanation, Catch::Contains("w21 was runnable."));
  CHECK_THAT(leak->explanation, !Catch::Contains("w22 was"));
  CHECK_THAT(leak->explanation, Catch::Contains(" 10 more were running or about to run"));
  REQUIRE(alt != nullptr);
  CHECK_THAT(alt->explanation, Catch::Contains("Guard 20 ("));
  CHECK_THAT(alt->explanation, !Catch::Contains("Guard 21 ("));
  CHECK_THAT(alt->explanation,
             Catch::Contains("The other 10 guards are not described one by one."));
}
