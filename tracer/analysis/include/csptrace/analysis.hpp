// Finds the problems in a run (deadlocks, stuck and leaked processes) from its replay. Qt-free;
// shared by `csptrace check` and the viewer. Linear in the number of events plus the size of the
// end state's wait-for graph.
#pragma once

#include <csptrace/finding.hpp>
#include <csptrace/replay.hpp>

#include <vector>

namespace csptrace {

// All findings of the run, ordered for a reader: errors first (global-deadlock before the
// partial ones that explain it), then warnings, then infos; within one kind by event.
std::vector<Finding> analyze(const Replay& replay);

// The wait-for graph of the end state (docs/analysis.md, "The wait-for graph"): one edge per
// (stuck waiter, channel, live process that could complete the wait). For drawing.
std::vector<WaitEdge> wait_for_edges(const Replay& replay);

}  // namespace csptrace
