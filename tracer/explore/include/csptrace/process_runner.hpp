// Runs a program once per schedule, each run a fresh process, several at a time: how
// `csptrace explore` drives any program, whatever it does. The schedule and the trace path go
// through the environment (CSP_SCHEDULE, CSP_TRACE; runtime/include/csp/run.hpp), so the
// program's own arguments are passed untouched.
#pragma once

#include <csptrace/run_outcome.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace csptrace {

struct RunRequest {
  std::string schedule;    // CSP_SCHEDULE
  std::string trace_path;  // CSP_TRACE
  // The caller needs the run's decisions (dfs, shrinking): a runner that can skip the trace of
  // a run it knows is clean (RunExit::clean_untraced) must not.
  bool need_trace = false;
};

class ProcessRunner {
 public:
  // argv[0] is found on PATH when it has no slash. Throws std::invalid_argument when it cannot
  // be executed at all.
  ProcessRunner(std::vector<std::string> argv, std::chrono::milliseconds run_timeout);

  // Runs every request, at most `jobs` at once, and returns their exits in request order. Each
  // run gets its own process group; one that outlives the timeout is killed with the group.
  std::vector<RunExit> run(const std::vector<RunRequest>& requests, unsigned jobs);

 private:
  std::vector<std::string> argv_;
  std::chrono::milliseconds timeout_;
};

}  // namespace csptrace
