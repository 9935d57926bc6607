// The exploration driver shared by `csptrace explore` (a process per run) and the in-process
// csp::explore: which schedules to run, in which order, when to stop, shrinking what failed,
// and the report. How a run is executed is the caller's RunBatch. docs/explore.md is the guide.
#pragma once

#include <csptrace/finding.hpp>
#include <csptrace/process_runner.hpp>
#include <csptrace/run_outcome.hpp>
#include <csptrace/schedule_spec.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace csptrace {

enum class ExploreStrategy { Random, Pct, Dfs };

struct ExploreOptions {
  ExploreStrategy strategy = ExploreStrategy::Random;
  std::optional<uint32_t> depth;  // pct: bug depth (default 3); dfs: most deviations (none)
  uint64_t max_runs = 1000;
  std::optional<double> max_seconds;
  unsigned jobs = 1;
  uint64_t seed = 0;   // base seed: run r uses schedule seed + r (random, pct)
  uint32_t shard = 0;  // this shard, 0-based, of `shards`
  uint32_t shards = 1;
  Severity fail_on = Severity::Error;
  bool all = false;  // go on after a failure, collecting distinct failures by key
  bool shrink = true;
  uint64_t shrink_runs = 200;  // most runs spent shrinking one failure
  std::string work_dir;        // where traces of runs in flight live (a fresh temporary folder)
  std::string keep_dir;        // "": failing runs' traces are not kept beyond the found one
  std::string output;          // where the (shrunk) trace of the first failure is saved
};

struct FoundFailure {
  std::string key;
  std::string headline, explanation;
  uint64_t first_run = 0;                          // 1-based
  uint64_t hits = 0;                               // runs that ended this way
  std::string schedule;                            // the schedule of the first run that did
  std::string trace;                               // where its trace is (the saved or kept copy)
  size_t events = 0, decisions = 0, switches = 0;  // of the saved trace
  size_t original_events = 0, original_decisions = 0, original_switches = 0;  // unshrunk
  uint64_t shrink_runs = 0;
};

struct ExploreReport {
  std::string strategy;  // "random", "pct:depth=3", "dfs", "dfs:depth=2"
  uint64_t seed = 0;
  uint32_t shard = 0, shards = 1;
  uint64_t runs = 0;
  double seconds = 0;
  std::map<std::string, uint64_t> outcomes;  // key -> runs
  std::vector<FoundFailure> found;
  bool exhausted = false;  // dfs: every schedule (within the bound) was run
  uint64_t pruned = 0, cut_by_bound = 0;
  std::optional<uint32_t> bound;
  std::string stopped_because;  // "found", "runs", "time", "exhausted"
  std::vector<std::string> warnings;
};

// Runs a batch of schedules; returns their exits in order. Throws std::invalid_argument when
// the program cannot be run at all.
using RunBatch = std::function<std::vector<RunExit>(const std::vector<RunRequest>&)>;
// Called after every batch with the report so far (for a progress line).
using Progress = std::function<void(const ExploreReport&)>;

ExploreReport explore(const ExploreOptions& options, const RunBatch& run,
                      const Progress& progress = {});

// The report for a person, as `csptrace explore` prints it, and as JSON (for --merge).
std::string format_report(const ExploreReport& r, const std::string& replay_hint);
std::string report_json(const ExploreReport& r);
// Combines shard reports read from JSON (throws std::invalid_argument naming the bad file).
ExploreReport merge_reports(const std::vector<std::string>& json_files);

}  // namespace csptrace
