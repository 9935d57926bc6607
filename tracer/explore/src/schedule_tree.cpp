#include <csptrace/schedule_tree.hpp>

#include <algorithm>
#include <map>

namespace csptrace {

namespace {

size_t index_of(const RunDecision& d, const ScheduledDecision& c) {
  for (size_t a = 0; a < d.alternatives.size(); ++a) {
    const ScheduledDecision& x = d.alternatives[a];
    if (x.kind == c.kind && x.proc == c.proc && x.index == c.index &&
        (c.proc != 0 || c.kind != Decision::Run || x.chan == c.chan))
      return a;
  }
  return d.alternatives.size();
}

bool same_choice(const ScheduledDecision& a, const ScheduledDecision& b) {
  return a.kind == b.kind && a.proc == b.proc && a.chan == b.chan && a.index == b.index;
}

}  // namespace

std::optional<std::vector<ScheduledDecision>> ScheduleTree::next() {
  if (!started_) {
    started_ = true;
    forced_ = 0;
    return std::vector<ScheduledDecision>{};
  }
  while (!stack_.empty()) {
    Node& n = stack_.back();
    for (size_t a = 0; a < n.d.alternatives.size(); ++a) {
      if (!n.backtrack[a] || n.done[a]) continue;
      const bool deviates = a != 0;
      if (bound_ && n.deviations + (deviates ? 1 : 0) > *bound_) continue;
      n.done[a] = true;
      std::vector<ScheduledDecision> prefix;
      prefix.reserve(stack_.size());
      for (size_t i = 0; i + 1 < stack_.size(); ++i) prefix.push_back(stack_[i].d.chosen);
      prefix.push_back(n.d.alternatives[a]);
      forced_ = prefix.size();
      return prefix;
    }
    settle(n);
    stack_.pop_back();
  }
  exhausted_ = true;
  return std::nullopt;
}

void ScheduleTree::settle(Node& n) {
  for (size_t a = 0; a < n.d.alternatives.size(); ++a) {
    if (n.done[a]) continue;
    if (n.backtrack[a]) ++cut_;  // wanted, but over the bound
    else ++pruned_;
  }
}

bool ScheduleTree::add_run(const RunSteps& run) {
  ++runs_;
  // The forced prefix must be what the run did.
  const size_t keep = std::min(forced_, stack_.size());
  for (size_t i = 0; i + 1 < keep && i < run.decisions.size(); ++i)
    if (!same_choice(stack_[i].d.chosen, run.decisions[i].chosen)) return false;
  if (keep > 0) {
    if (run.decisions.size() < keep) return false;
    // The last forced decision: the node keeps its state and takes the alternative forced.
    Node& last = stack_[keep - 1];
    const RunDecision& met = run.decisions[keep - 1];
    if (index_of(last.d, met.chosen) >= last.d.alternatives.size()) return false;
    last.d.chosen = met.chosen;
    last.d.footprint = met.footprint;
  }
  stack_.resize(keep);
  for (size_t i = keep; i < run.decisions.size(); ++i) {
    Node n;
    n.d = run.decisions[i];
    const size_t k = n.d.alternatives.size();
    n.backtrack.assign(k, false);
    n.done.assign(k, false);
    const size_t chosen = index_of(n.d, n.d.chosen);
    if (chosen < k) n.done[chosen] = true;
    // Guards branch fully; run decisions get backtrack points from the reduction.
    if (n.d.chosen.kind == Decision::Guard) n.backtrack.assign(k, true);
    const Node* prev = stack_.empty() ? nullptr : &stack_.back();
    n.deviations = prev ? prev->deviations + (is_default_choice(prev->d) ? 0 : 1) : 0;
    stack_.push_back(std::move(n));
  }
  add_backtracks(0);
  return true;
}

void ScheduleTree::add_backtracks(size_t from) {
  // For each step, the last earlier step of another process per channel it touched.
  std::map<ChanId, size_t> last_touch;  // channel -> node index of the last run step on it
  for (size_t j = from; j < stack_.size(); ++j) {
    const Node& sj = stack_[j];
    if (sj.d.chosen.kind != Decision::Run) continue;
    const ProcId pj = sj.d.chosen.proc;  // 0: a timer step
    for (ChanId c : sj.d.footprint) {
      auto it = last_touch.find(c);
      if (it != last_touch.end()) {
        Node& si = stack_[it->second];
        if (si.d.chosen.proc != pj && !si.d.alternatives.empty()) {
          ScheduledDecision want = sj.d.chosen;
          const size_t a = index_of(si.d, want);
          if (a < si.d.alternatives.size()) si.backtrack[a] = true;
          else std::fill(si.backtrack.begin(), si.backtrack.end(), true);
        }
      }
    }
    for (ChanId c : sj.d.footprint) last_touch[c] = j;
  }
}

}  // namespace csptrace
