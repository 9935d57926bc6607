// stranded-wait: a process waits on a put or take that nobody left will ever complete: every
// other process that could has exited (typically without closing the channel) or is itself
// stuck (an error); or, on a trace cut short, only a sleeper that has not touched the channel or
// a possible handle could still complete it (a warning, predicted). Only while the program runs;
// after a normal exit the same process is blocked-at-exit.
#include "analysis_context.hpp"

#include <algorithm>

namespace csptrace {

namespace {
std::vector<std::string> names_of(const AnalysisContext& cx, const std::vector<uint32_t>& ps) {
  std::vector<std::string> out;
  for (uint32_t q : ps) out.push_back(cx.say.proc(q));
  return out;
}
}  // namespace

void find_stranded_waits(AnalysisContext& cx, std::vector<Finding>& out) {
  if (cx.program_over) return;
  for (uint32_t p = 0; p < cx.end.processes.size(); ++p) {
    if (cx.explained[p] || !(cx.graph.dead(p) || cx.graph.predicted(p))) continue;
    const Wait& w = cx.end.processes[p].wait;
    if (w.op == WaitOp::Alts) continue;
    Finding f = cx.make_about(p, FindingKind::StrandedWait, Severity::Error, w.since);
    cx.add_process(f, p);
    f.explanation = cx.say.waiting(p) + ". " + cx.why_stuck(p, {w.op, w.chan});
    if (cx.graph.predicted(p)) {
      const std::vector<uint32_t> hopes = cx.weak_hope_procs(p);
      f.explanation += " The trace was cut while the program ran, so this is a prediction: "
                       "unless " + Narrator::list(names_of(cx, hopes), " or ") +
                       (hopes.size() == 1 ? " acts" : " act") + ", " + cx.say.proc(p) +
                       " waits forever.";
    } else if (cx.partners_gone(p) && w.op == WaitOp::Take && !cx.end.channels[w.chan].closed &&
               !cx.use.users(w.chan).putters.empty()) {
      f.explanation += " Close " + cx.say.chan(w.chan) +
                       " when the last value has been put, so that the taker gets nothing "
                       "and can finish.";
    }
    cx.explained[p] = 1;
    out.push_back(std::move(f));
  }
}

}  // namespace csptrace
