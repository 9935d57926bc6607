// global-deadlock: every live process waits and nothing can wake any of them. Reported from the
// runtime's own deadlock event when the trace has one (proven), otherwise from the end state of a
// trace that did not end normally: every live process is dead in the wait-for graph (nothing
// running, no armed timer anyone waits on).
#include "analysis_context.hpp"

#include <algorithm>

#include <csptrace/event_format.hpp>

namespace csptrace {

namespace {

Finding from_runtime(const AnalysisContext& cx, size_t at) {
  const TraceModel& m = cx.m;
  Finding f = cx.make(FindingKind::GlobalDeadlock, Severity::Error, at);
  f.strength = Strength::Proven;
  std::vector<std::string> waits;
  // A trace may name a process in two stuck events; a scan of f.processes per event would be
  // O(n^2) for a deadlock of n processes (a million parked processes took check 80 s).
  std::vector<bool> named(m.processes().size());
  for (size_t i = at + 1; i < m.size() && m.kind(i) == EventKind::Stuck; ++i) {
    const uint32_t p = m.proc_index(i);
    if (p == kNone || cx.graph.internal(p)) continue;  // the runtime's own: never named
    const Event e = m.event(i);
    if (!named[p]) cx.add_new_process(f, p);
    named[p] = true;
    AnalysisContext::add_channel(f, m.chan_index(i));
    const std::string loc(m.str(e.loc));
    AnalysisContext::add_location(f, loc);
    if (is_waiting(cx.end.processes[p].state)) {
      waits.push_back(cx.say.waiting(p));
    } else {
      std::string what = cx.say.proc(p) + " waits to ";
      what += e.op == WaitOp::Alts ? "complete an alt" : cx.say.op(e.op, m.chan_index(i));
      if (!loc.empty()) what += " at " + loc;
      waits.push_back(what);
    }
  }
  f.explanation = "The runtime found that nothing can ever run again " + cx.say.when(at) + ": " +
                  std::string(m.str(m.event(at).message)) + ". ";
  if (!waits.empty()) {
    const size_t total = waits.size();
    f.explanation +=
        "Stuck forever: " + Narrator::list(Narrator::capped(std::move(waits), total), "; and ") +
        ". ";
  }
  f.explanation +=
      "No timer was armed and no thread was busy, so nothing can wake any of them; the findings "
      "below say why each one waits.";
  return f;
}

}  // namespace

void find_global_deadlock(AnalysisContext& cx, std::vector<Finding>& out) {
  if (const size_t at = cx.end.deadlock_event; at != kNone) {
    out.push_back(from_runtime(cx, at));
    return;
  }
  if (cx.program_over) return;
  std::vector<uint32_t> live;
  size_t latest = 0;
  for (uint32_t p = 0; p < cx.end.processes.size(); ++p) {
    if (!cx.graph.live(p)) continue;
    if (!cx.graph.dead(p)) return;
    live.push_back(p);
    latest = std::max(latest, wait_since(cx.end.processes[p]));
  }
  if (live.empty()) return;
  Finding f = cx.make(FindingKind::GlobalDeadlock, Severity::Error, latest);
  if (f.strength == Strength::Predicted) f.strength = Strength::Observed;
  std::vector<std::string> waits;
  for (uint32_t p : live) {  // distinct processes
    cx.add_new_process(f, p);
    waits.push_back(cx.say.waiting(p));
  }
  f.explanation =
      "Every live process waits, and nothing can wake any of them; the last one began "
      "waiting " +
      cx.say.when(latest) + ": " + Narrator::list(waits, "; and ") + ". ";
  f.explanation += cx.end.armed_timers == 0 ? "No timer is armed. "
                                            : "The armed timers wake nobody who could help. ";
  if (cx.m.complete() && cx.m.end_reason() == EndReason::Snapshot)
    f.explanation += "This is a snapshot of the program while it ran: it had hung.";
  else
    f.explanation += cx.m.complete()
                         ? "The trace ended this way."
                         : "The trace was cut short here, so this is what the program was doing "
                           "when it was stopped: it had hung.";
  out.push_back(std::move(f));
}

}  // namespace csptrace
