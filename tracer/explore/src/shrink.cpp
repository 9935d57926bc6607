#include <csptrace/shrink.hpp>

#include <filesystem>

namespace csptrace {

namespace {

std::vector<ScheduledDecision> choices(const RunOutcome& o) {
  std::vector<ScheduledDecision> out;
  out.reserve(o.steps.decisions.size());
  for (const RunDecision& d : o.steps.decisions) out.push_back(d.chosen);
  return out;
}

// The positions of the decisions that are not the default.
std::vector<size_t> deviations(const RunOutcome& o) {
  std::vector<size_t> out;
  for (size_t i = 0; i < o.steps.decisions.size(); ++i)
    if (!is_default_choice(o.steps.decisions[i])) out.push_back(i);
  return out;
}

bool shorter(const RunOutcome& a, const RunOutcome& b) {
  if (a.events != b.events) return a.events < b.events;
  return a.steps.context_switches < b.steps.context_switches;
}

bool same_failure(const RunOutcome& a, const RunOutcome& b) {
  if (a.status != b.status) return false;
  if (a.status == RunOutcome::Status::Found) return a.kind == b.kind;
  return a.key == b.key;
}

class Shrinker {
 public:
  Shrinker(const RunBatch& run, std::string work_dir, Severity fail_on, uint64_t budget)
      : run_(run), dir_(std::move(work_dir)), fail_on_(fail_on), budget_(budget) {}

  // Runs the prefix; true (and the best so far updated) when it fails the same way, shorter.
  bool attempt(const std::vector<ScheduledDecision>& prefix) {
    if (runs_ >= budget_) return false;
    ++runs_;
    const std::string list = dir_ + "/shrink.decisions";
    const std::string trace = dir_ + "/shrink-candidate.csptrace";
    write_decision_list(list, prefix);
    const std::vector<RunExit> exits = run_({RunRequest{"prefix:path=" + list, trace, true}});
    RunOutcome o = judge_run(trace, exits.front(), fail_on_);
    if (!same_failure(o, best_) || !shorter(o, best_)) return false;
    best_ = std::move(o);
    std::filesystem::rename(trace, best_trace_);
    return true;
  }

  ShrinkResult run(const std::string& trace, const RunOutcome& failing) {
    best_ = failing;
    best_trace_ = dir_ + "/shrink-best.csptrace";
    std::filesystem::copy_file(trace, best_trace_,
                               std::filesystem::copy_options::overwrite_existing);
    shortest_prefix();
    delta_debug();
    return ShrinkResult{best_trace_, best_, runs_};
  }

 private:
  void shortest_prefix() {
    std::vector<ScheduledDecision> all = choices(best_);
    size_t lo = 0, hi = all.size();  // the whole list fails; search the shortest that does
    while (lo < hi && runs_ < budget_) {
      const size_t mid = lo + (hi - lo) / 2;
      std::vector<ScheduledDecision> prefix(all.begin(),
                                            all.begin() + static_cast<std::ptrdiff_t>(mid));
      if (attempt(prefix)) {
        all = choices(best_);
        hi = std::min(mid, all.size());
      } else {
        lo = mid + 1;
      }
    }
  }

  void delta_debug() {
    std::vector<size_t> dev = deviations(best_);
    size_t chunk = std::max<size_t>(dev.size() / 2, 1);
    while (!dev.empty() && runs_ < budget_) {
      bool changed = false;
      for (size_t at = 0; at < dev.size() && runs_ < budget_;) {
        std::vector<ScheduledDecision> cand = choices(best_);
        for (size_t k = at; k < std::min(at + chunk, dev.size()); ++k) {
          ScheduledDecision& d = cand[dev[k]];
          d = ScheduledDecision{d.kind, 0, 0, -1, 0};  // the default there
        }
        if (attempt(cand)) {
          dev = deviations(best_);
          changed = true;
        } else {
          at += chunk;
        }
      }
      if (chunk == 1 && !changed) break;
      if (!changed) chunk /= 2;
      chunk = std::max<size_t>(std::min(chunk, dev.size() / 2), 1);
    }
  }

  const RunBatch& run_;
  std::string dir_;
  Severity fail_on_;
  uint64_t budget_;
  uint64_t runs_ = 0;
  RunOutcome best_;
  std::string best_trace_;
};

}  // namespace

ShrinkResult shrink_failure(const std::string& trace, const RunOutcome& failing,
                            const RunBatch& run, const std::string& work_dir, Severity fail_on,
                            uint64_t budget) {
  if (failing.steps.decisions.empty()) return ShrinkResult{trace, failing, 0};
  Shrinker s(run, work_dir, fail_on, budget);
  return s.run(trace, failing);
}

}  // namespace csptrace
