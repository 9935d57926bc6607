// Helpers for runtime tests: run a program traced to a temporary .jsonl, load it back, and
// print it the way `csptrace print --no-time` does.
#pragma once

#include "temp_path.hpp"

#include <csp/csp.hpp>

#include <csptrace/trace_model.hpp>
#include <csptrace/trace_reader.hpp>

#include <unistd.h>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace rt_test {

inline std::string temp_trace_path(const std::string& stem) {
  return csp_test::temp_path(stem + ".jsonl");
}

struct TracedRun {
  csp::RunResult result;
  csptrace::TraceModel model;
  std::string path;
};

template <class F>
TracedRun run_traced(csp::Options opt, F&& main, const std::string& stem = "run") {
  TracedRun t;
  t.path = temp_trace_path(stem);
  opt.trace_path = t.path;
  opt.program = stem;
  t.result = csp::run(opt, std::forward<F>(main));
  t.model = csptrace::load_trace(t.path);
  return t;
}

// The event kinds in order, as "spawn chan_make ...".
inline std::vector<std::string> kinds(const csptrace::TraceModel& m) {
  std::vector<std::string> out;
  for (size_t i = 0; i < m.size(); ++i) out.emplace_back(csptrace::to_string(m.kind(i)));
  return out;
}

// Indices of the events of one kind.
inline std::vector<size_t> events_of(const csptrace::TraceModel& m, csptrace::EventKind k) {
  std::vector<size_t> out;
  for (size_t i = 0; i < m.size(); ++i)
    if (m.kind(i) == k) out.push_back(i);
  return out;
}

inline size_t count_of(const csptrace::TraceModel& m, csptrace::EventKind k) {
  return events_of(m, k).size();
}

// Events of one kind on the channel called `chan`.
inline size_t count_on(const csptrace::TraceModel& m, csptrace::EventKind k,
                       const std::string& chan) {
  size_t n = 0;
  for (size_t i = 0; i < m.size(); ++i) {
    if (m.kind(i) != k || m.chan_index(i) == csptrace::kNone) continue;
    if (m.str(m.channels()[m.chan_index(i)].name) == chan) ++n;
  }
  return n;
}

// `csptrace print --no-time FILE`.
inline std::string print_no_time(const std::string& path) {
  std::string cmd = std::string(CSPTRACE_EXE) + " print --no-time '" + path + "'";
  std::string out;
  if (FILE* f = ::popen(cmd.c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    ::pclose(f);
  }
  return out;
}

inline csp::Options deterministic(uint64_t seed) {
  csp::Options o;
  o.seed = seed;
  return o;
}

}  // namespace rt_test
