// Running a program on the runtime: options, the run's result, user marks.
//
//   int main(int argc, char** argv) {
//     csp::Options opt = csp::Options::from_args(argc, argv);  // --seed, --trace, --replay, ...
//     csp::RunResult r = csp::run(opt, [&] { ... });           // main may use blocking operations
//     if (!r.ok()) std::cerr << r.message << "\n";
//     return r.exit_code();
//   }
#pragma once

#include <csp/go.hpp>
#include <csp/proc.hpp>

#include <csp/source_location.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace csp {

struct Options {
  // Set: the deterministic scheduler with this seed (same program + same seed = same trace).
  // Unset (and no schedule, no replay): the multi-threaded pool (alts still pick at random).
  std::optional<uint64_t> seed;
  // The deterministic scheduler with this strategy (docs/explore.md): "random:seed=7",
  // "pct:seed=7,depth=3", "prefix:path=FILE"... A seed in it wins over `seed`.
  std::string schedule;
  // A trace of an earlier deterministic run: run with exactly its decisions (docs/explore.md).
  // A program that no longer makes them stops with an error naming the first that differs.
  std::string replay;
  // Trace file; the format follows the extension (.jsonl, .csptrace). Empty: $CSP_TRACE if set,
  // else no tracing.
  std::string trace_path;
  // A flight recorder (docs/long-runs.md): keep only about this many bytes of the most recent
  // events in memory and write them to trace_path, starting from a snapshot of the run's state,
  // at exit, on a deadlock or a process's failure, on a fatal signal, and on SIGUSR1 (numbered
  // files, the run goes on). Needs a *.csptrace trace; at least 64 KiB (a smaller value is
  // raised to it). 0: $CSP_TRACE_RING if set (e.g. 64M), else the whole run is written as it
  // goes.
  uint64_t trace_ring_bytes = 0;
  // Pool workers; 0: one per core.
  unsigned workers = 0;
  // Pending puts (and, separately, takes) allowed per channel (core.async: 1024).
  std::size_t max_pending = 1024;
  // SIGUSR1 writes the state of every process and channel to a trace file (a snapshot, for
  // `csptrace check` and cspview; docs/long-runs.md), and csp::dump_state may be called. Also
  // on when the environment has CSP_DUMP set (to anything but "0"). Off by default: the run
  // then installs a SIGUSR1 handler and keeps a table of its channels.
  bool dump_on_signal = false;
  // Program name for the trace header; empty: "program".
  std::string program;
  // What from_args did not take, in order: the program's own flags, their values and its
  // other arguments.
  std::vector<std::string> rest;

  // Reads --seed N, --trace PATH, --trace-ring SIZE, --workers N, --schedule SPEC, --replay
  // TRACE (also --flag=value) and the program name from argv; other arguments are left to the
  // program. Throws std::invalid_argument naming the flag when a value is missing or malformed.
  //
  // The environment: CSP_TRACE is the trace path when none is given. CSP_SCHEDULE, when set,
  // overrides --seed and --schedule, and then CSP_TRACE overrides --trace: that is how
  // `csptrace explore` drives a program whatever arguments it was given.
  static Options from_args(int argc, const char* const* argv);

  // For a program with flags of its own (`own`, e.g. {"--rounds", "--deadlock"}): the first
  // word of `rest` that looks like a flag (starts with "-") and is neither one of them nor
  // after "--", worded "unknown flag --tracefile; did you mean --trace? (flags: ...)" (the
  // nearest of the runtime's and the program's flags, then all of them); "" when there is none.
  std::string unknown_flag(std::initializer_list<std::string_view> own = {}) const;
};

enum class RunStatus { Ok, Deadlock, Error };

struct StuckProcess {
  std::string process;   // its name
  std::string op;        // "put", "take" or "alts"
  std::string channel;   // the channel's name (for alts: the first guard's)
  std::string location;  // "file:line" of the waiting operation
};

struct ProcessError {
  std::string process;
  std::string message;
};

struct RunResult {
  RunStatus status = RunStatus::Ok;
  std::string message;               // what happened, for a person
  std::vector<StuckProcess> stuck;   // deadlock: every process that waits forever
  std::vector<ProcessError> errors;  // exceptions that escaped processes (and main)
  // Processes of the program (not daemons) that were waiting on a channel when main returned
  // (on the pool: waiting or runnable). Go leaks them; the analysis judges them from a trace
  // (blocked-at-exit when nobody left could complete the wait).
  std::vector<std::string> left_waiting;

  bool ok() const noexcept { return status == RunStatus::Ok; }
  // 0 ok, 1 error, 2 deadlock.
  int exit_code() const noexcept;
};

namespace detail {
// `main_name`, `main_role`: the name and role of the calling thread's process in the trace.
RunResult run_main(const Options& opt, std::function<void()> main, std::string main_name,
                   csptrace::ProcRole main_role);
}  // namespace detail

// Runs `main` as the process "main" on the calling thread (it may use the blocking operations)
// and returns when it returns, when the run deadlocks, or when it throws. Processes still
// waiting when main returns are left (and show as such in the trace), as in Go. A schedule
// that cannot be followed (Options::replay unreadable or without decisions, a malformed
// CSP_SCHEDULE) returns status Error with the reason, before main runs.
// A main that returns csp::Proc<void> runs as a go process "main"; the calling thread ("run",
// marked internal in the trace: the analysis never names it) waits for it.
template <class F>
RunResult run(const Options& opt, F&& main) {
  using R = std::invoke_result_t<F&>;
  if constexpr (std::is_same_v<R, Proc<void>>) {
    return detail::run_main(
        opt, [&main] { (void)go("main", std::forward<F>(main)).take_blocking(); }, "run",
        csptrace::ProcRole::Internal);
  } else {
    return detail::run_main(opt, std::function<void()>(std::forward<F>(main)), "main",
                            csptrace::ProcRole::User);
  }
}

// A label in the trace, e.g. csp::mark("customer arrives"). Ignored outside a run.
void mark(std::string_view label, csp::SourceLocation loc = csp::SourceLocation::current());

}  // namespace csp
