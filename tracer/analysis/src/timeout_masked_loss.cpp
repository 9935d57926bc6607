// timeout-masked-loss: an alt gave up on a channel because its timeout fired, never used the
// channel again, and the partner it abandoned now waits on that channel forever (the value it
// brought is lost). The classic leak of Go's `select { case r := <-ch: ...; case <-time.After(d):
// }` with an unbuffered ch. Reported even after a normal exit: the value was lost either way.
#include "analysis_context.hpp"

#include <algorithm>

#include <csptrace/event_format.hpp>

namespace csptrace {

void find_timeout_masked_losses(AnalysisContext& cx, std::vector<Finding>& out) {
  for (uint32_t p = 0; p < cx.end.processes.size(); ++p) {
    if (cx.explained[p] || !cx.graph.dead(p)) continue;
    const Wait& w = cx.end.processes[p].wait;
    if (w.op == WaitOp::Alts) continue;
    const WaitOp wanted = w.op == WaitOp::Put ? WaitOp::Take : WaitOp::Put;
    const Abandonment* found = nullptr;
    for (const Abandonment& a : cx.use.abandoned(w.chan))
      if (a.proc != p && a.op == wanted && cx.use.last_use(w.chan, a.proc) <= a.event) found = &a;
    if (!found) continue;
    Finding f =
        cx.make(FindingKind::TimeoutMaskedLoss, Severity::Error, wait_since(cx.end.processes[p]));
    cx.add_process(f, p);
    f.processes.push_back(found->proc);
    f.channels.push_back(found->timer);
    f.explanation = cx.say.proc(found->proc) + "'s alt gave up waiting to " +
                    cx.say.op(wanted, w.chan) + " when its timeout " + cx.say.chan(found->timer) +
                    " fired " + cx.say.when(found->event) + ", and it never used " +
                    cx.say.chan(w.chan) + " again. " + cx.say.waiting(p) +
                    ": the partner the alt abandoned, waiting forever" +
                    (w.op == WaitOp::Put ? "; its value is lost" : "") + ". " +
                    cx.why_stuck(p, {w.op, w.chan}) +
                    " Give the channel a buffer of one so the late partner can finish, or keep "
                    "serving the channel after the timeout.";
    cx.explained[p] = 1;
    out.push_back(std::move(f));
  }
}

}  // namespace csptrace
