// leak-at-exit: the program ended normally with processes still alive (the main process
// excepted: its return ended the program). A warning, not an error: a server loop left parked at
// exit is common and harmless; the explanation says what each one waited for.
#include "analysis_context.hpp"

#include <algorithm>

namespace csptrace {

void find_leaks_at_exit(AnalysisContext& cx, std::vector<Finding>& out) {
  if (!cx.program_over) return;
  Finding f = cx.make(FindingKind::LeakAtExit, Severity::Warning, cx.m.size() - 1);
  std::vector<std::string> what;
  for (uint32_t p = 0; p < cx.end.processes.size(); ++p) {
    if (cx.explained[p] || !cx.graph.live(p) || cx.m.processes()[p].mode == ProcMode::Main)
      continue;
    cx.add_process(f, p);
    const ProcessState& ps = cx.end.processes[p];
    if (!is_waiting(ps.state)) {
      what.push_back(cx.say.proc(p) + " was " + std::string(to_string(ps.state)) + ".");
    } else if (ps.wait.op != WaitOp::Alts) {
      what.push_back(cx.say.waiting(p) + ". " + cx.why_stuck(p, {ps.wait.op, ps.wait.chan}));
    } else {
      what.push_back(cx.say.waiting(p) + ".");
    }
  }
  if (what.empty()) return;
  f.explanation = std::to_string(what.size()) + " process" + (what.size() == 1 ? " was" : "es were") +
                  " still alive when the program ended. " + Narrator::sentences(what) +
                  (what.size() == 1 ? " It was" : " They were") +
                  " abandoned, not finished: make sure each one can end (close the channels it "
                  "reads when the work is done) and that the program waits for it.";
  out.push_back(std::move(f));
}

}  // namespace csptrace
