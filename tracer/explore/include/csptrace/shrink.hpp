// Shrinking a failing schedule: from the decisions of a failing run, search for a run that fails
// the same way (the same finding kind, or the same crash) and is shorter: fewer events, or as
// many with fewer context switches. Each candidate is a forced list of decisions (a prefix
// strategy: entries it cannot follow, and everything after the list, take the default: the
// oldest runnable process, the first guard). Two passes:
//  1. the shortest prefix of the decisions that still fails (binary search);
//  2. delta debugging (Zeller and Hildebrandt, TSE 2002) over the deviations, the decisions
//     that differ from the default: turn chunks of them into defaults, halving the chunk size,
//     keeping every change after which the run still fails and is shorter.
// Each accepted run's own decisions become the list the next step works on.
#pragma once

#include <csptrace/explorer.hpp>

#include <string>

namespace csptrace {

struct ShrinkResult {
  std::string trace;  // the shortest failing run's trace (a file in work_dir)
  RunOutcome outcome;
  uint64_t runs = 0;
};

// `failing` is the outcome of the run whose trace is `trace`. Spends at most `budget` runs.
ShrinkResult shrink_failure(const std::string& trace, const RunOutcome& failing,
                            const RunBatch& run, const std::string& work_dir, Severity fail_on,
                            uint64_t budget);

}  // namespace csptrace
