// leak-at-exit: the program ended normally with processes still running or runnable (not
// waiting on a channel: those are blocked-at-exit), main and daemons excepted. A warning: the
// process was cut off mid-work.
#include "analysis_context.hpp"

namespace csptrace {

void find_leaks_at_exit(AnalysisContext& cx, std::vector<Finding>& out) {
  if (!cx.program_over) return;
  Finding f = cx.make(FindingKind::LeakAtExit, Severity::Warning, cx.m.size() - 1);
  // One sentence for each of the first kNamedInList; f.processes lists every one.
  std::vector<std::string> what;
  auto leaked = [&cx](uint32_t p) {
    if (cx.explained[p] || !cx.graph.live(p) || cx.graph.stuck(p) || cx.graph.daemon(p) ||
        cx.m.processes()[p].mode == ProcMode::Main)
      return false;
    const ProcessState& ps = cx.end.processes[p];
    return !is_waiting(ps.state) || ps.wait.completed;  // not a daemon's wait, nor a sleeper's
  };
  // Counted first: a run may leave millions, and a list grown by doubling would hold half as
  // much again while it moves.
  size_t leaks = 0;
  for (uint32_t p = 0; p < cx.end.processes.size(); ++p) leaks += leaked(p);
  f.processes.reserve(leaks);
  size_t count = 0;
  for (uint32_t p = 0; p < cx.end.processes.size(); ++p) {
    if (!leaked(p)) continue;
    const ProcessState& ps = cx.end.processes[p];
    cx.add_new_process(f, p);  // each p once: the loop's
    if (++count > Narrator::kNamedInList) continue;
    what.push_back(cx.say.proc(p) + " was " +
                   (is_waiting(ps.state) ? std::string("about to run: its operation had "
                                                       "completed")
                                         : std::string(to_string(ps.state))) +
                   ".");
  }
  if (count == 0) return;
  const std::string others =
      count > what.size() ? " " + std::to_string(count - what.size()) +
                                " more were running or about to run (the finding lists them all)."
                          : std::string();
  f.explanation = std::to_string(count) + " process" + (count == 1 ? " was" : "es were") +
                  " still running when the program ended. " + Narrator::sentences(what) + others +
                  (count == 1 ? " It was" : " They were") +
                  " cut off, not finished: make the program wait for " +
                  (count == 1 ? "it" : "them") +
                  " (take its result, or a done channel it closes), or declare " +
                  (count == 1 ? "it" : "them") + " with csp::daemon.";
  out.push_back(std::move(f));
}

}  // namespace csptrace
