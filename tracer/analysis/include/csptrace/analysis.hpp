// Finds the problems in a run (deadlocks, stuck and leaked processes) from its replay. Qt-free;
// shared by `csptrace check` and the viewer. Linear in the number of events plus the size of the
// end state's wait-for graph.
#pragma once

#include <csptrace/finding.hpp>
#include <csptrace/replay.hpp>

#include <vector>

namespace csptrace {

// What the analysis concludes about a run, from one pass.
struct Verdict {
  // All findings, ordered for a reader: errors first (global-deadlock before the partial ones
  // that explain it), then warnings, then infos; within one kind by event.
  std::vector<Finding> findings;
  // The wait-for graph of the end state (docs/analysis.md, "The wait-for graph"): one edge per
  // (stuck waiter, channel, live process that could complete the wait). For drawing.
  std::vector<WaitEdge> wait_for;
  // The processes the findings say wait forever, by dense index in increasing order: what a view
  // marks as stuck. The dead of the wait-for graph (nothing left can release them) and, on a
  // trace cut short, the predicted (only a sleeper that has not touched their channels, or a
  // handle nobody is known to hold, could); a process that waits while another could still
  // release it is not in it.
  std::vector<uint32_t> stuck;
};
Verdict judge(const Replay& replay);

// judge(replay).findings.
std::vector<Finding> analyze(const Replay& replay);

}  // namespace csptrace
