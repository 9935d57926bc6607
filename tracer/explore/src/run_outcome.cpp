#include <csptrace/run_outcome.hpp>

#include <csptrace/analysis.hpp>
#include <csptrace/trace_reader.hpp>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <set>

namespace csptrace {

namespace {

std::string signal_name(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

std::string finding_key(const Finding& f) {
  std::string key(to_string(f.kind));
  const std::set<std::string> locs(f.locations.begin(), f.locations.end());
  for (const std::string& l : locs) key += " " + l;
  return key;
}

}  // namespace

RunOutcome judge_run(const std::string& trace_path, const RunExit& exit, Severity fail_on) {
  RunOutcome o;
  if (exit.clean_untraced) {
    o.key = "ok";
    return o;
  }
  if (exit.timed_out) {
    o.status = RunOutcome::Status::TimedOut;
    o.key = "timeout";
    o.headline =
        "the program did not finish within the run timeout (a livelock or an endless "
        "loop under this schedule)";
  } else if (exit.signal != 0) {
    o.status = RunOutcome::Status::Crashed;
    o.key = "crash " + signal_name(exit.signal);
    o.headline = "the program died of " + signal_name(exit.signal);
  }
  std::error_code ec;
  if (!std::filesystem::exists(trace_path, ec)) {
    if (!o.failed()) {
      o.status = RunOutcome::Status::NoTrace;
      o.key = "no trace";
      o.headline = "the program wrote no trace (exit code " + std::to_string(exit.exit_code) +
                   "): does it run its main through csp::run? A program must leave the trace "
                   "path to the runtime (CSP_TRACE)";
    }
    return o;
  }
  TraceModel m;
  try {
    m = load_trace(trace_path);
  } catch (const std::exception& e) {
    if (!o.failed()) {
      o.status = RunOutcome::Status::NoTrace;
      o.key = "unreadable trace";
      o.headline = std::string("its trace cannot be read: ") + e.what();
    }
    return o;
  }
  o.events = m.size();
  try {
    o.steps = run_steps(m);
  } catch (const std::invalid_argument& e) {
    if (!o.failed()) {
      o.status = RunOutcome::Status::NoTrace;
      o.key = "no decisions";
      o.headline = e.what();
    }
    return o;
  }
  if (o.failed()) return o;
  const Replay replay(m, Replay::kDefaultCheckpointInterval, Replay::Keep::EndState);
  const Verdict v = judge(replay);
  for (const Finding& f : v.findings) {
    if (f.severity > fail_on) continue;  // severities are ordered worst first
    o.status = RunOutcome::Status::Found;
    o.kind = f.kind;
    o.key = finding_key(f);
    o.headline = std::string(to_string(f.severity)) + ": " + std::string(to_string(f.kind)) + " (" +
                 std::string(to_string(f.strength)) + ")";
    if (!f.locations.empty()) {
      o.headline += " at";
      for (const std::string& l : f.locations) o.headline += " " + l;
    }
    o.explanation = f.explanation;
    return o;
  }
  o.key = "ok";
  return o;
}

}  // namespace csptrace
