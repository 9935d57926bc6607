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

// What to do when everyone who could serve p's take on c is gone. A process that ended holding
// values it took from c (a lock's token handed to it, then an exception) never gives them back:
// closing c, the advice for a producer that forgot to, would be wrong for a lock.
std::string advice_when_gone(const AnalysisContext& cx, uint32_t p, uint32_t c) {
  std::vector<uint32_t> holders;
  for (const Releaser& r : cx.graph.all_releasers(p, {WaitOp::Take, c}))
    if (r.because == Because::Holds) holders.push_back(r.proc);
  const std::string ch = cx.say.chan(c);
  if (holders.empty())
    return "Close " + ch +
           " when the last value has been put, so that the taker gets nothing "
           "and can finish.";
  const bool one = holders.size() == 1;
  return cx.say.procs(holders) + (one ? " ended holding a value" : " ended holding values") +
         " taken from " + ch + " and never put " + (one ? "it" : "them") + " back. If " + ch +
         " is a lock, put its token back on every way out, an exception included, so that the "
         "next taker gets it.";
}
}  // namespace

void find_stranded_waits(AnalysisContext& cx, std::vector<Finding>& out) {
  if (cx.program_over) return;
  for (uint32_t p = 0; p < cx.end.processes.size(); ++p) {
    if (cx.explained[p] || !(cx.graph.dead(p) || cx.graph.predicted(p))) continue;
    const Wait& w = cx.end.processes[p].wait;
    if (w.op == WaitOp::Alts) continue;
    Finding f = cx.make_about(p, FindingKind::StrandedWait, Severity::Error,
                              wait_since(cx.end.processes[p]));
    cx.add_process(f, p);
    f.explanation = cx.say.waiting(p) + ". " + cx.why_stuck(p, {w.op, w.chan});
    if (cx.graph.predicted(p)) {
      const std::vector<uint32_t> hopes = cx.weak_hope_procs(p);
      f.explanation +=
          " The trace was cut while the program ran, so this is a prediction: "
          "unless " +
          Narrator::list(names_of(cx, hopes), " or ") + (hopes.size() == 1 ? " acts" : " act") +
          ", " + cx.say.proc(p) + " waits forever.";
    } else if (cx.partners_gone(p) && w.op == WaitOp::Take && !cx.end.channels[w.chan].closed &&
               !cx.use.users(w.chan).putters.empty()) {
      f.explanation += " " + advice_when_gone(cx, p, w.chan);
    }
    cx.explained[p] = 1;
    out.push_back(std::move(f));
  }
}

}  // namespace csptrace
