#include <csptrace/analysis.hpp>

#include "analysis_context.hpp"

#include <algorithm>

namespace csptrace {

namespace {

// The order a reader wants: the summary first, then the cycle, then the most specific
// explanations, then the ones that follow from them.
int rank(FindingKind k) {
  switch (k) {
    case FindingKind::GlobalDeadlock: return 0;
    case FindingKind::WaitCycle: return 1;
    case FindingKind::TimeoutMaskedLoss: return 2;
    case FindingKind::StrandedWait: return 3;
    case FindingKind::DeadAlt: return 4;
    case FindingKind::BlockedAtExit: return 5;
    case FindingKind::LeakAtExit: return 6;
    case FindingKind::TimerQuiescence: return 7;
  }
  return 8;
}

}  // namespace

Verdict judge(const Replay& replay) {
  if (replay.size() == 0) return {};
  const ChannelUse use(replay.model());
  AnalysisContext cx(replay.model(), replay.final_state(), use);
  return judge_in(cx);
}

Verdict judge_in(AnalysisContext& cx) {
  Verdict v;
  std::vector<Finding>& out = v.findings;
  find_global_deadlock(cx, out);
  find_wait_cycles(cx, out);
  find_timeout_masked_losses(cx, out);
  // Root causes (every partner gone) before the processes that wait on stuck ones.
  const size_t first_stranded = out.size();
  find_dead_alts(cx, out);
  find_stranded_waits(cx, out);
  std::stable_partition(out.begin() + first_stranded, out.end(),
                        [&](const Finding& f) { return cx.partners_gone(f.processes.front()); });
  find_blocked_at_exit(cx, out);
  find_leaks_at_exit(cx, out);
  find_timer_quiescence(cx, out);
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity < b.severity;
    return rank(a.kind) < rank(b.kind);
  });
  v.wait_for = cx.graph.edges();
  for (uint32_t p = 0; p < cx.end.processes.size(); ++p)
    if (cx.graph.dead(p) || cx.graph.predicted(p)) v.stuck.push_back(p);
  return v;
}

std::vector<Finding> analyze(const Replay& replay) { return judge(replay).findings; }

}  // namespace csptrace
