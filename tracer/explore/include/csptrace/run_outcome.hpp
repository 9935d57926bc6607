// What one explored run came to: the analysis's verdict on its trace, or why there is none (the
// program crashed, hung, or wrote no trace). Exploration counts runs by `key` (distinct
// outcomes) and stops at the first failing one.
#pragma once

#include <csptrace/finding.hpp>
#include <csptrace/run_steps.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace csptrace {

// How the program's process ended (filled by whoever ran it).
struct RunExit {
  int exit_code = 0;
  int signal = 0;          // the fatal signal, or 0
  bool timed_out = false;  // killed after the run timeout
  std::string output;      // the tail of what it printed (stdout and stderr)
  double seconds = 0;
  // An in-process runner ran it untraced and its result showed nothing to analyse (no
  // deadlock, no error, no process left behind): clean without a trace.
  bool clean_untraced = false;
};

struct RunOutcome {
  enum class Status { Clean, Found, Crashed, TimedOut, NoTrace };
  Status status = Status::Clean;
  // Identifies the outcome across runs: "ok", or the worst finding's kind and source lines
  // ("wait-cycle samples/cycle/main.cpp:15 samples/cycle/main.cpp:19"), "crash SIGSEGV", ...
  std::string key;
  // Found: the finding that failed the run; its one-line form and explanation.
  std::optional<FindingKind> kind;
  std::string headline;
  std::string explanation;
  size_t events = 0;
  RunSteps steps;  // empty when there is no readable trace
  bool failed() const { return status != Status::Clean; }
};

// Judges a run from its exit and its trace: Found when a finding at `fail_on` or worse is in it
// (the same rule as `csptrace check --fail-on`). A crash or a timeout is a failure whatever the
// trace says (the trace, when it loads, still explains it). NoTrace: the file is missing or
// cannot be read at all (the program does not use the runtime, or died before the header).
RunOutcome judge_run(const std::string& trace_path, const RunExit& exit, Severity fail_on);

}  // namespace csptrace
