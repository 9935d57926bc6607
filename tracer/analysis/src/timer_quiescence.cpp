// timer-quiescence: at the end of a trace that did not end normally every live process waits,
// but a timer that someone waits on is armed: the program is quiet, not stuck (the state Go's
// deadlock detector cannot see past). Information: if nothing else follows the timer, the
// partial findings show who stays stuck.
#include "analysis_context.hpp"

#include <algorithm>

#include <csptrace/event_format.hpp>

namespace csptrace {

void find_timer_quiescence(AnalysisContext& cx, std::vector<Finding>& out) {
  if (cx.program_over || cx.end.armed_timers == 0 || cx.end.deadlock_event != kNone) return;
  std::vector<uint32_t> sleepers, others;
  for (uint32_t p = 0; p < cx.end.processes.size(); ++p) {
    if (!cx.graph.live(p)) continue;
    if (!cx.graph.stuck(p)) return;  // something still runs
    (cx.graph.armed_timer_guard(p) ? sleepers : others).push_back(p);
  }
  std::vector<uint32_t> timers;
  for (uint32_t c = 0; c < cx.end.channels.size(); ++c)
    if (cx.end.channels[c].timer_armed) timers.push_back(c);
  if (sleepers.empty()) return;  // the armed timers wake nobody: global-deadlock says so
  size_t latest = 0;
  for (uint32_t p : sleepers) latest = std::max(latest, wait_since(cx.end.processes[p]));
  for (uint32_t p : others) latest = std::max(latest, wait_since(cx.end.processes[p]));
  Finding f = cx.make(FindingKind::TimerQuiescence, Severity::Info, latest);
  f.strength = Strength::Observed;
  std::vector<std::string> waits, armed;
  // sleepers and others are distinct processes: no scan of f.processes per process.
  for (uint32_t p : sleepers) {
    cx.add_new_process(f, p);
    waits.push_back(cx.say.waiting(p));
  }
  for (uint32_t p : others) cx.add_new_process(f, p);
  for (uint32_t c : timers) {
    AnalysisContext::add_channel(f, c);
    armed.push_back(cx.say.chan(c) + " (" + format_duration(cx.m.channels()[c].duration) + ")");
  }
  f.explanation = "At the end of the trace every live process waits, but the timer" +
                  std::string(timers.size() == 1 ? " " : "s ") + Narrator::list(armed) +
                  (timers.size() == 1 ? " is" : " are") +
                  " armed, so the program is quiet, not "
                  "deadlocked: " +
                  Narrator::list(waits, "; and ") + ".";
  if (!others.empty())
    f.explanation += " " + cx.say.procs(others) + (others.size() == 1 ? " waits" : " wait") +
                     " for what happens when the timer fires.";
  out.push_back(std::move(f));
}

}  // namespace csptrace
