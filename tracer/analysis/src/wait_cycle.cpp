// wait-cycle: dead processes each waiting for the next, around a cycle of the wait-for graph
// (one finding per strongly connected component). Reported at any end: even at a normal exit
// a cycle is a deadlock the program walked away from.
#include "analysis_context.hpp"

#include <algorithm>

namespace csptrace {

void find_wait_cycles(AnalysisContext& cx, std::vector<Finding>& out) {
  for (const auto& comp : cx.graph.components()) {
    std::vector<WaitEdge> cycle = cx.graph.cycle_in(comp);
    size_t latest = 0;
    for (uint32_t p : comp) latest = std::max(latest, cx.end.processes[p].wait.since);
    Finding f = cx.make(FindingKind::WaitCycle, Severity::Error, latest);
    std::vector<std::string> steps;
    for (const WaitEdge& e : cycle) {
      cx.add_process(f, e.waiter);
      steps.push_back(cx.say.waiting(e.waiter) + ", which only " +
                      cx.say.procs(cx.graph.releasers(e.waiter, {e.op, e.chan})) + " could " +
                      (e.op == WaitOp::Take ? "put on" : "take from"));
    }
    std::vector<std::string> entangled;
    for (uint32_t p : comp) {
      if (std::find(f.processes.begin(), f.processes.end(), p) == f.processes.end())
        entangled.push_back(cx.say.waiting(p));
      cx.add_process(f, p);
      cx.explained[p] = 1;
    }
    f.cycle = std::move(cycle);
    f.explanation = "These " + std::to_string(f.cycle.size()) +
                    " processes wait for each other: " +
                    Narrator::list(steps, "; and ") +
                    ". Each can only be released by another one of them, so none of them can "
                    "ever move.";
    if (!entangled.empty())
      f.explanation += " Caught in it too, each waiting for one of them: " +
                       Narrator::list(entangled, "; and ") + ".";
    out.push_back(std::move(f));
  }
}

}  // namespace csptrace
