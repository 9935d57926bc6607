// dead-alt: an alt waits and none of its guards can ever become ready: every process that could
// complete any guard has exited or is itself stuck, and no timer guard is armed (an error); or,
// on a trace cut short, only sleepers or possible handles could (a warning, predicted). Only
// while the program runs; after a normal exit such an alt is blocked-at-exit.
#include "analysis_context.hpp"

#include <algorithm>

namespace csptrace {

void find_dead_alts(AnalysisContext& cx, std::vector<Finding>& out) {
  if (cx.program_over) return;
  for (uint32_t p = 0; p < cx.end.processes.size(); ++p) {
    if (cx.explained[p] || !(cx.graph.dead(p) || cx.graph.predicted(p))) continue;
    const Wait& w = cx.end.processes[p].wait;
    if (w.op != WaitOp::Alts) continue;
    Finding f =
        cx.make_about(p, FindingKind::DeadAlt, Severity::Error, wait_since(cx.end.processes[p]));
    cx.add_process(f, p);
    const std::vector<std::string> why = cx.why_guards_stuck(p);
    f.explanation = cx.say.waiting(p) + ", and none of its " +
                    std::to_string(cx.graph.waits(p).size()) + " guards can " +
                    (cx.graph.predicted(p) ? "become ready unless a sleeper "
                                             "or a possible handle acts. "
                                           : "ever become ready. ") +
                    Narrator::sentences(why) +
                    (w.guards.empty() ? " It has no guards at all." : "");
    cx.explained[p] = 1;
    out.push_back(std::move(f));
  }
}

}  // namespace csptrace
