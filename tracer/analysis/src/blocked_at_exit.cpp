// blocked-at-exit: the program ended normally while a process waited on a channel operation
// that nobody left would complete: a message that never came, a value nobody took. An error,
// one finding per process (Go's test community fails such tests: goleak). Processes declared as
// daemons (csp::daemon) are meant to outlive main and are not stuck at the end; a process still
// running, not waiting, is leak-at-exit.
#include "analysis_context.hpp"

namespace csptrace {

void find_blocked_at_exit(AnalysisContext& cx, std::vector<Finding>& out) {
  if (!cx.program_over) return;
  for (uint32_t p = 0; p < cx.end.processes.size(); ++p) {
    if (cx.explained[p] || !cx.graph.dead(p)) continue;
    const Wait& w = cx.end.processes[p].wait;
    Finding f =
        cx.make(FindingKind::BlockedAtExit, Severity::Error, wait_since(cx.end.processes[p]));
    cx.add_process(f, p);
    std::vector<std::string> why;
    if (w.op != WaitOp::Alts) {
      why.push_back(cx.why_stuck(p, {w.op, w.chan}));
    } else {
      why = cx.why_guards_stuck(p);
    }
    f.explanation = "The program ended while " + cx.say.waiting(p) + ". " +
                    Narrator::sentences(why) +
                    " It was abandoned, not finished: make sure it can end (close the channels "
                    "it reads when the work is done, or read what it puts), or declare it with "
                    "csp::daemon if it is meant to outlive main.";
    cx.explained[p] = 1;
    out.push_back(std::move(f));
  }
}

}  // namespace csptrace
