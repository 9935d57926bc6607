#include <csptrace/explorer.hpp>

#include <csptrace/schedule_tree.hpp>
#include <csptrace/shrink.hpp>

#include <filesystem>
#include <stdexcept>

namespace csptrace {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string strategy_text(const ExploreOptions& o) {
  switch (o.strategy) {
    case ExploreStrategy::Random: return "random";
    case ExploreStrategy::Pct: return "pct:depth=" + std::to_string(o.depth.value_or(3));
    case ExploreStrategy::Dfs: return o.depth ? "dfs:depth=" + std::to_string(*o.depth) : "dfs";
  }
  return "?";
}

// The schedules of runs [first, first + n) of this shard (random and pct): disjoint across
// shards, the same for every shard count's union.
std::vector<std::string> seeded_schedules(const ExploreOptions& o, uint64_t first, uint64_t n,
                                          uint64_t pct_steps) {
  std::vector<std::string> out;
  for (uint64_t k = 0; k < n; ++k) {
    ScheduleSpec s;
    s.seed = o.seed + o.shard + o.shards * (first + k);
    if (o.strategy == ExploreStrategy::Pct) {
      s.strategy = ScheduleSpec::Strategy::Pct;
      s.depth = o.depth.value_or(3);
      s.steps = pct_steps;
    } else {
      s.race_timers = true;
    }
    out.push_back(s.to_string());
  }
  return out;
}

class Driver {
 public:
  Driver(const ExploreOptions& o, const RunBatch& run, const Progress& progress)
      : o_(o), run_(run), progress_(progress), tree_(o.depth) {
    r_.strategy = strategy_text(o);
    r_.seed = o.seed;
    r_.shard = o.shard;
    r_.shards = o.shards;
    if (o.strategy == ExploreStrategy::Dfs) r_.bound = o.depth;
  }

  ExploreReport go() {
    const Clock::time_point start = Clock::now();
    if (o_.strategy == ExploreStrategy::Pct) pct_steps_ = calibrate();
    for (;;) {
      r_.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      if (r_.runs >= o_.max_runs) return finish("runs");
      if (o_.max_seconds && r_.seconds >= *o_.max_seconds) return finish("time");
      std::vector<RunRequest> batch = next_batch();
      if (batch.empty()) return finish("exhausted");
      const std::vector<RunExit> exits = run_(batch);
      bool stop = false;
      for (size_t i = 0; i < batch.size(); ++i) stop |= account(batch[i], exits[i]);
      r_.seconds = std::chrono::duration<double>(Clock::now() - start).count();
      if (progress_) progress_(r_);
      if (stop) return finish("found");
    }
  }

 private:
  std::string slot_trace(size_t i) const {
    return o_.work_dir + "/run-" + std::to_string(i) + ".csptrace";
  }

  // PCT needs the number of steps a run takes: one run in the default order says.
  uint64_t calibrate() {
    const std::string list = o_.work_dir + "/calibrate.decisions";
    write_decision_list(list, {});
    const RunRequest req{"prefix:path=" + list, slot_trace(0), true};
    const RunOutcome out = judge_run(req.trace_path, run_({req}).front(), o_.fail_on);
    if (out.status == RunOutcome::Status::NoTrace) throw std::invalid_argument(out.headline);
    uint64_t steps = 0;
    for (const RunDecision& d : out.steps.decisions) steps += d.chosen.kind == Decision::Run;
    return std::max<uint64_t>(steps, 1);
  }

  std::vector<RunRequest> next_batch() {
    std::vector<RunRequest> batch;
    if (o_.strategy == ExploreStrategy::Dfs) {
      std::optional<std::vector<ScheduledDecision>> prefix = tree_.next();
      if (!prefix) return batch;
      const std::string list = o_.work_dir + "/dfs.decisions";
      write_decision_list(list, *prefix);
      batch.push_back({"prefix:path=" + list, slot_trace(0), true});
      return batch;
    }
    const uint64_t n = std::min<uint64_t>(o_.jobs ? o_.jobs : 1, o_.max_runs - r_.runs);
    const std::vector<std::string> specs = seeded_schedules(o_, r_.runs, n, pct_steps_);
    for (size_t i = 0; i < specs.size(); ++i) batch.push_back({specs[i], slot_trace(i)});
    return batch;
  }

  // Counts one run; true when exploration should stop.
  bool account(const RunRequest& req, const RunExit& exit) {
    RunOutcome out = judge_run(req.trace_path, exit, o_.fail_on);
    if (out.status == RunOutcome::Status::NoTrace)
      throw std::invalid_argument(
          "run " + std::to_string(r_.runs + 1) + " (" + req.schedule + "): " + out.headline +
          (exit.output.empty() ? "" : "\nits output ended with:\n" + exit.output));
    ++r_.runs;
    ++r_.outcomes[out.key];
    if (o_.strategy == ExploreStrategy::Dfs && !tree_.add_run(out.steps)) {
      r_.warnings.push_back("run " + std::to_string(r_.runs) +
                            " did not follow its forced decisions: the program is not "
                            "deterministic under one schedule (does it read the clock, a "
                            "random source, or share memory between processes?); the search "
                            "stopped");
      return true;
    }
    if (o_.strategy == ExploreStrategy::Dfs) {
      r_.pruned = tree_.pruned();
      r_.cut_by_bound = tree_.cut_by_bound();
    }
    if (!out.failed()) return false;
    for (FoundFailure& f : r_.found)
      if (f.key == out.key) {
        ++f.hits;
        return !o_.all;
      }
    FoundFailure f;
    f.key = out.key;
    f.headline = out.headline;
    f.explanation = out.explanation;
    f.first_run = r_.runs;
    f.hits = 1;
    f.schedule = req.schedule;
    f.events = f.original_events = out.events;
    f.decisions = f.original_decisions = out.steps.decisions.size();
    f.switches = f.original_switches = out.steps.context_switches;
    f.trace = keep(req.trace_path, r_.found.size());
    r_.found.push_back(f);
    outcomes_.push_back(std::move(out));
    return !o_.all;
  }

  // The first failure's trace stays in the work folder for shrinking and -o; the others are
  // kept only with --keep.
  std::string keep(const std::string& trace, size_t n) {
    if (o_.keep_dir.empty() && n > 0) return {};
    const std::string dir = o_.keep_dir.empty() ? o_.work_dir : o_.keep_dir;
    const std::string to = dir + "/failure-" + std::to_string(n + 1) + ".csptrace";
    std::error_code ec;
    fs::copy_file(trace, to, fs::copy_options::overwrite_existing, ec);
    return ec ? std::string() : to;
  }

  ExploreReport finish(const char* why) {
    r_.stopped_because = why;
    r_.exhausted = o_.strategy == ExploreStrategy::Dfs && tree_.exhausted();
    if (o_.strategy == ExploreStrategy::Dfs) {
      r_.pruned = tree_.pruned();
      r_.cut_by_bound = tree_.cut_by_bound();
    }
    if (r_.found.empty()) return r_;
    FoundFailure& f = r_.found.front();
    std::string saved = f.trace;
    if (o_.shrink && !f.trace.empty()) {
      ShrinkResult s =
          shrink_failure(f.trace, outcomes_.front(), run_, o_.work_dir, o_.fail_on, o_.shrink_runs);
      f.shrink_runs = s.runs;
      f.events = s.outcome.events;
      f.decisions = s.outcome.steps.decisions.size();
      f.switches = s.outcome.steps.context_switches;
      f.headline = s.outcome.headline;
      f.explanation = s.outcome.explanation;
      saved = s.trace;
    }
    if (!o_.output.empty() && !saved.empty()) {
      fs::copy_file(saved, o_.output, fs::copy_options::overwrite_existing);
      f.trace = o_.output;
    }
    return r_;
  }

  const ExploreOptions& o_;
  const RunBatch& run_;
  const Progress& progress_;
  ScheduleTree tree_;
  ExploreReport r_;
  std::vector<RunOutcome> outcomes_;  // of the first run of each failure in r_.found
  uint64_t pct_steps_ = 0;
};

}  // namespace

ExploreReport explore(const ExploreOptions& options, const RunBatch& run,
                      const Progress& progress) {
  if (options.work_dir.empty()) throw std::invalid_argument("explore: no work folder");
  if (options.shards == 0 || options.shard >= options.shards)
    throw std::invalid_argument("explore: shard " + std::to_string(options.shard + 1) + " of " +
                                std::to_string(options.shards) + " does not exist");
  if (options.strategy == ExploreStrategy::Dfs && options.shards > 1)
    throw std::invalid_argument(
        "explore: --shard works with random and pct, whose runs are independent; a dfs run "
        "depends on the one before it");
  Driver d(options, run, progress);
  return d.go();
}

}  // namespace csptrace
