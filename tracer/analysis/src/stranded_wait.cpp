// stranded-wait: a process waits on a put or take that nobody left will ever complete: every
// other process that could has exited (typically without closing the channel) or is itself
// stuck. Only while the program runs; after a normal exit it is a leak (leak-at-exit).
#include "analysis_context.hpp"

#include <algorithm>

namespace csptrace {

void find_stranded_waits(AnalysisContext& cx, std::vector<Finding>& out) {
  if (cx.program_over) return;
  for (uint32_t p = 0; p < cx.end.processes.size(); ++p) {
    if (cx.explained[p] || !cx.graph.dead(p)) continue;
    const Wait& w = cx.end.processes[p].wait;
    if (w.op == WaitOp::Alts) continue;
    Finding f = cx.make(FindingKind::StrandedWait, Severity::Error, w.since);
    cx.add_process(f, p);
    f.explanation = cx.say.waiting(p) + ". " + cx.why_stuck(p, {w.op, w.chan});
    if (cx.partners_gone(p) && w.op == WaitOp::Take && !cx.end.channels[w.chan].closed)
      f.explanation += " Close " + cx.say.chan(w.chan) +
                       " when the last value has been put, so that the taker gets nothing "
                       "and can finish.";
    cx.explained[p] = 1;
    out.push_back(std::move(f));
  }
}

}  // namespace csptrace
