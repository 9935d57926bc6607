// Issue 19, "Bad input": traces where the analysis's new rules (a value handed straight to a
// parked taker is held, daemons, handle events) meet odd data get a clear verdict, never a
// crash. One hand-written fixture each, tests/fixtures/odd-*.jsonl; the fuzz corpus runs them
// too (tests/fuzz passes the whole fixtures folder).
#include "model_lookup.hpp"
#include "temp_path.hpp"

#include <csptrace/analysis.hpp>
#include <csptrace/csp_notation.hpp>
#include <csptrace/event_format.hpp>
#include <csptrace/trace_reader.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace csptrace;
using test_lookup::proc_named;

namespace {

using Names = std::vector<std::string>;

std::string fixture(const std::string& name) { return std::string(CSP_FIXTURES) + "/" + name; }

Names kinds(const Verdict& v) {
  Names out;
  for (const Finding& f : v.findings) out.emplace_back(to_string(f.kind));
  return out;
}

Names procs(const TraceModel& m, const std::vector<uint32_t>& ixs) {
  Names out;
  for (uint32_t p : ixs) out.push_back(process_label(m, p));
  return out;
}

Names chans(const TraceModel& m, const Finding& f) {
  Names out;
  for (uint32_t c : f.channels) out.push_back(channel_label(m, c));
  return out;
}

}  // namespace

TEST_CASE("issue 19 bad input: odd-handoff-then-crash: the lock's token dies with its holder",
          "[analysis][odd]") {
  // writer-1 unlocks by handing the token straight to writer-2, parked on mu; writer-2 then
  // fails without putting it back, and main blocks on mu: the runtime reports the deadlock.
  const TraceModel m = load_trace(fixture("odd-handoff-then-crash.jsonl"));
  REQUIRE(m.warnings().empty());
  const Replay r(m);
  const Verdict v = judge(r);
  REQUIRE(kinds(v) == Names{"global-deadlock", "stranded-wait"});
  for (const Finding& f : v.findings) {
    REQUIRE(f.severity == Severity::Error);
    REQUIRE(f.strength == Strength::Proven);
    REQUIRE(procs(m, f.processes) == Names{"main"});
    REQUIRE(chans(m, f) == Names{"mu"});
    REQUIRE(f.locations == Names{"ledger.cpp:22"});
  }
  REQUIRE(m.kind(v.findings[0].event) == EventKind::Deadlock);
  const std::string& why = v.findings[1].explanation;
  // The hand-off counts: writer-2 holds the token, and the explanation says it failed.
  REQUIRE_THAT(why, Catch::Contains("Only writer-1 ever put on \"mu\"") &&
                        Catch::Contains("writer-2 holds a value taken from it") &&
                        Catch::Contains("writer-2 failed at 2.300 µs (event 14)") &&
                        Catch::Contains("writer-2 ended holding a value taken from \"mu\" and "
                                        "never put it back") &&
                        Catch::Contains("If \"mu\" is a lock, put its token back"));
  // Closing a lock is no advice for a token that was never given back.
  REQUIRE_THAT(why, !Catch::Contains("Close \"mu\""));
  REQUIRE(procs(m, v.stuck) == Names{"main"});
  REQUIRE(v.wait_for.empty());  // both who could release main are gone
}

TEST_CASE("issue 19 bad input: odd-daemon-never-parks: a daemon still running at exit is fine",
          "[analysis][odd]") {
  const std::string path = fixture("odd-daemon-never-parks.jsonl");
  const TraceModel m = load_trace(path);
  REQUIRE(m.complete());
  REQUIRE(m.end_reason() == EndReason::Normal);
  const Replay r(m);
  const uint32_t hb = proc_named(m, "heartbeat");
  REQUIRE(m.processes()[hb].role == ProcRole::Daemon);
  // It polled with alts that took their default and never waited: running at the end.
  REQUIRE(r.final_state().processes[hb].state == ProcState::Running);
  const Verdict v = judge(r);
  REQUIRE(v.findings.empty());
  REQUIRE(v.stuck.empty());

  // The same trace without the role: the heartbeat was cut off mid-work, a leak. So it is the
  // daemon role, and nothing else, that keeps the verdict clean.
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string user = text.str();
  const std::string role = ",\"role\":\"daemon\"";
  REQUIRE(user.find(role) != std::string::npos);
  user.erase(user.find(role), role.size());
  const std::string tmp = csp_test::temp_path("odd-daemon-as-user.jsonl");
  std::ofstream(tmp) << user;
  const TraceModel um = load_trace(tmp);
  std::filesystem::remove(tmp);
  const Replay ur(um);
  const Verdict uv = judge(ur);
  REQUIRE(kinds(uv) == Names{"leak-at-exit"});
  REQUIRE(procs(um, uv.findings[0].processes) == Names{"heartbeat"});
}

TEST_CASE("issue 19 bad input: odd-cut-mid-transfer: a wait served before the cut is not stuck",
          "[analysis][odd]") {
  // Cut after the transfer of "pong" to main and inside the line of main's unblock.
  const TraceModel m = load_trace(fixture("odd-cut-mid-transfer.jsonl"));
  REQUIRE_FALSE(m.complete());
  REQUIRE(m.end_reason() == EndReason::Truncated);
  REQUIRE(m.size() == 18);
  REQUIRE(m.warnings().size() == 2);
  REQUIRE_THAT(m.warnings()[0], Catch::StartsWith("the last line is incomplete and was left "
                                                  "out (line 20, 60 bytes without a final "
                                                  "newline"));
  REQUIRE_THAT(m.warnings()[1],
               Catch::Contains("no end event") && Catch::Contains("cut short after 18 events"));
  const Replay r(m);
  const ReplayState& end = r.final_state();
  const uint32_t main = proc_named(m, "main"), logger = proc_named(m, "logger");
  // main is still blocked, but its take completed: it is about to run.
  REQUIRE(end.processes[main].state == ProcState::Blocked);
  REQUIRE(end.processes[main].wait.completed);
  REQUIRE(end.processes[logger].state == ProcState::Parked);
  // So main can still put on log, and the logger waiting for it is not stuck either.
  const Verdict v = judge(r);
  REQUIRE(v.findings.empty());
  REQUIRE(v.stuck.empty());
  REQUIRE(csp_trace(m) == "⟨log.\"asking\", req.\"ping\", reply.\"pong\"⟩");
}

TEST_CASE("issue 19 bad input: odd-closed-twice: the second close does nothing",
          "[analysis][odd]") {
  // The runtime records only the first close (closing a closed channel is a no-op); a trace
  // with two is accepted and read the same way: closed at the first, the waiting putter's value
  // still delivered, then main refused.
  const TraceModel m = load_trace(fixture("odd-closed-twice.jsonl"));
  REQUIRE(m.warnings().empty());
  REQUIRE(m.channels().size() == 1);
  const size_t first_close = 10;  // seq 11, producer-1's
  REQUIRE(m.kind(first_close) == EventKind::ChanClose);
  REQUIRE(m.kind(14) == EventKind::ChanClose);  // seq 15, producer-2's
  REQUIRE(m.channels()[0].close_event == first_close);
  const Replay r(m);
  REQUIRE(r.final_state().channels[0].closed);
  REQUIRE(r.final_state().channels[0].close_event == first_close);
  REQUIRE(r.final_state().channels[0].putters.empty());
  const Verdict v = judge(r);
  REQUIRE(v.findings.empty());
  REQUIRE(v.stuck.empty());
  REQUIRE(csp_trace(m) == "⟨results.10, results.20⟩");
}

TEST_CASE("issue 19 bad input: odd-unused-handles: handles name who could release, and no more",
          "[analysis][odd]") {
  // worker captured jobs, quit and spare and only ever took jobs; monitor waits on quit, which
  // nobody put on or closed; idle captured spare and never ran before main returned.
  const TraceModel m = load_trace(fixture("odd-unused-handles.jsonl"));
  REQUIRE(m.warnings().empty());
  const Replay r(m);
  const Verdict v = judge(r);
  REQUIRE(kinds(v) == Names{"blocked-at-exit", "leak-at-exit"});
  const Finding& blocked = v.findings[0];
  REQUIRE(blocked.severity == Severity::Error);
  REQUIRE(blocked.strength == Strength::Proven);
  REQUIRE(procs(m, blocked.processes) == Names{"monitor"});
  REQUIRE(chans(m, blocked) == Names{"quit"});
  REQUIRE(blocked.locations == Names{"sup.cpp:17"});
  REQUIRE_THAT(blocked.explanation,
               Catch::Contains("Nobody else ever put on \"quit\" or closed it") &&
                   Catch::Contains("main (it made it), worker (it captured it) and perhaps idle") &&
                   Catch::Contains("worker exited at 3.100 µs (event 18)") &&
                   Catch::Contains("idle was still alive when the program ended"));
  const Finding& leak = v.findings[1];
  REQUIRE(leak.severity == Severity::Warning);
  REQUIRE(procs(m, leak.processes) == Names{"idle"});
  REQUIRE(leak.channels.empty());
  // The handles nobody used and nobody waits on are named nowhere.
  for (const Finding& f : v.findings) {
    const Names named = chans(m, f);
    REQUIRE(std::find(named.begin(), named.end(), "spare") == named.end());
    REQUIRE_THAT(f.explanation, !Catch::Contains("spare"));
  }
  REQUIRE(procs(m, v.stuck) == Names{"monitor"});
}
