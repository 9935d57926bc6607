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
    if (n.backtrack[a])
      ++cut_;  // wanted, but over the bound
    else
      ++pruned_;
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
  initial_woke_ = run.initial_woke;
  initial_armed_ = run.initial_armed;
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
  add_backtracks();
  return true;
}

namespace {

// A vector clock over parties: processes by id, and each timer as a party of its own (a timer
// step is ordered after the step that armed it, and nothing else).
using Party = uint64_t;
using Clock = std::map<Party, uint32_t>;
constexpr Party timer_party(ChanId c) { return (uint64_t{1} << 32) | c; }

void join(Clock& into, const Clock& other) {
  for (const auto& [party, n] : other) {
    uint32_t& mine = into[party];
    mine = std::max(mine, n);
  }
}

uint32_t at(const Clock& c, Party p) {
  auto it = c.find(p);
  return it == c.end() ? 0 : it->second;
}

}  // namespace

void ScheduleTree::add_backtracks() {
  // Happens-before between steps (vector clocks): a step follows its process's previous step,
  // the step that made its process runnable (a spawn or a wake), and, for a timer step, the
  // step that armed the timer. Two steps race when they touch a common channel, belong to
  // different parties and neither happens before the other; the later one then gets a
  // backtrack point at the last step it races with (Flanagan and Godefroid, POPL 2005).
  std::map<Party, Clock> last_of, made_runnable;
  std::map<ChanId, std::vector<size_t>> steps_on;  // channel -> run steps touching it, in order
  std::vector<Clock> clock_of(stack_.size());
  std::vector<Party> party_of(stack_.size(), 0);
  constexpr ProcId kMain = 1;
  Clock initial{{kMain, 1}};
  last_of[kMain] = initial;
  for (ProcId p : initial_woke_) made_runnable[p] = initial;
  for (ChanId c : initial_armed_) made_runnable[timer_party(c)] = initial;
  for (size_t j = 0; j < stack_.size(); ++j) {
    const RunDecision& d = stack_[j].d;
    if (d.chosen.kind != Decision::Run) continue;
    const Party me = d.chosen.proc != 0 ? Party{d.chosen.proc} : timer_party(d.chosen.chan);
    Clock c = last_of[me];
    join(c, made_runnable[me]);
    ++c[me];
    last_of[me] = c;
    for (ProcId q : d.woke) made_runnable[q] = c;
    for (ChanId t : d.armed) made_runnable[timer_party(t)] = c;
    party_of[j] = me;
    for (ChanId ch : d.footprint) {
      std::vector<size_t>& on = steps_on[ch];
      for (auto it = on.rbegin(); it != on.rend(); ++it) {
        const size_t i = *it;
        if (party_of[i] == me) continue;
        if (at(clock_of[i], party_of[i]) <= at(c, party_of[i])) continue;  // i happens before j
        Node& si = stack_[i];
        if (!si.d.alternatives.empty()) {
          size_t a = index_of(si.d, d.chosen);
          // j's process could not run at i: run instead a process that could, whose step
          // between i and j leads to j (happens before it); failing that, every one.
          for (size_t k = i + 1; k < j && a >= si.d.alternatives.size(); ++k)
            if (party_of[k] != 0 && at(clock_of[k], party_of[k]) <= at(c, party_of[k]))
              a = index_of(si.d, stack_[k].d.chosen);
          if (a < si.d.alternatives.size())
            si.backtrack[a] = true;
          else
            std::fill(si.backtrack.begin(), si.backtrack.end(), true);
        }
        break;  // the last racing step only
      }
    }
    clock_of[j] = std::move(c);
    for (ChanId ch : d.footprint) steps_on[ch].push_back(j);
  }
}

}  // namespace csptrace
