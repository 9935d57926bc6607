// wait-cycle: stuck processes each waiting for the next, around a cycle of the wait-for graph
// (one finding per strongly connected component). Dead ones are an error at any end (even at a
// normal exit a cycle is a deadlock the program walked away from); predicted ones, which only a
// sleeper that has not touched their channels or a possible handle could still release, are a
// warning on a trace cut short.
#include "analysis_context.hpp"

#include <algorithm>

namespace csptrace {

namespace {

// ", which only phil-1 could put on" for the edge e inside the component; a holder is named as
// one: ", which only phil-1 could put back (it holds a value taken from it)".
std::string which_only(const AnalysisContext& cx, const WaitEdge& e,
                       const std::vector<uint32_t>& comp) {
  std::vector<uint32_t> in, holds, handles;
  for (const Releaser& r : cx.graph.all_releasers(e.waiter, {e.op, e.chan})) {
    if (!std::binary_search(comp.begin(), comp.end(), r.proc) || r.because == Because::MayHold)
      continue;
    in.push_back(r.proc);
    if (r.because == Because::Holds) holds.push_back(r.proc);
    if (r.because == Because::Handle) handles.push_back(r.proc);
  }
  std::string out =
      ", which only " + cx.say.procs(in) + " could " +
      (e.op == WaitOp::Take ? (holds.size() == in.size() ? "put back" : "put on") : "take from");
  std::vector<std::string> why;
  if (!holds.empty())
    why.push_back(cx.say.procs(holds) + (holds.size() == 1 ? " holds a value" : " hold values") +
                  " taken from it");
  if (!handles.empty())
    why.push_back(cx.say.procs(handles) + (handles.size() == 1 ? " holds it" : " hold it") +
                  ", and nobody has " + (e.op == WaitOp::Take ? "put on" : "taken from") +
                  " it yet");
  if (!why.empty()) out += " (" + Narrator::list(why, "; ") + ")";
  return out;
}

}  // namespace

void find_wait_cycles(AnalysisContext& cx, std::vector<Finding>& out) {
  for (const auto& comp : cx.graph.components()) {
    const bool predicted = cx.graph.predicted(comp.front());
    std::vector<WaitEdge> cycle = cx.graph.cycle_in(comp);
    size_t latest = 0;
    for (uint32_t p : comp) latest = std::max(latest, wait_since(cx.end.processes[p]));
    Finding f = cx.make_about(comp.front(), FindingKind::WaitCycle, Severity::Error, latest);
    std::vector<std::string> steps;
    for (const WaitEdge& e : cycle) {
      cx.add_process(f, e.waiter);
      steps.push_back(cx.say.waiting(e.waiter) + which_only(cx, e, comp));
    }
    std::vector<std::string> entangled, hopes;
    for (uint32_t p : comp) {
      if (std::find(f.processes.begin(), f.processes.end(), p) == f.processes.end())
        entangled.push_back(cx.say.waiting(p));
      cx.add_process(f, p);
      cx.explained[p] = 1;
      for (std::string& h : cx.weak_hopes(p))
        if (std::find(hopes.begin(), hopes.end(), h) == hopes.end()) hopes.push_back(std::move(h));
    }
    f.cycle = std::move(cycle);
    f.explanation = "These " + std::to_string(f.cycle.size()) +
                    " processes wait for each other: " + Narrator::list(steps, "; and ") + ". ";
    if (!predicted) {
      f.explanation +=
          "Each can only be released by another one of them, so none of them can "
          "ever move.";
    } else {
      f.explanation += std::string("None of them can release another, and the only ") +
                       (hopes.size() == 1 ? "process left that could release them is "
                                          : "processes left that could release them are ") +
                       Narrator::list(hopes, "; and ") + ": unless " +
                       (hopes.size() == 1 ? "it acts" : "one of them acts") +
                       ", they are deadlocked (the trace was cut while the program still ran).";
    }
    if (!entangled.empty())
      f.explanation += " Caught in it too, each waiting for one of them: " +
                       Narrator::list(entangled, "; and ") + ".";
    out.push_back(std::move(f));
  }
}

}  // namespace csptrace
