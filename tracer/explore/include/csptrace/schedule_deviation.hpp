// Where a deterministic run's schedule leaves "run in order": the decisions at which the
// scheduler chose something other than what a prefix strategy takes by default (the oldest
// runnable process, the first guard; is_default_choice). These are the decisions that make an
// explored run differ from the plain one, so the viewer marks them and a lecture can say "here
// the scheduler picked phil-3 before phil-2".
//
// Invariant: a deviation had a real choice (two or more alternatives the trace rebuilds); a
// forced step, a lone due timer or a decision whose alternatives the trace cannot rebuild is
// never one.
#pragma once

#include <csptrace/run_steps.hpp>

#include <cstddef>
#include <vector>

namespace csptrace {

struct ScheduleDeviation {
  size_t decision = 0;           // index in RunSteps::decisions
  size_t event = 0;              // event index of the decide event
  ScheduledDecision chosen;      // what the scheduler chose (a run with proc 0: a timer fired)
  ScheduledDecision by_default;  // what running in order takes there
};

// The deviations of a run, in decision (event) order.
std::vector<ScheduleDeviation> deviations(const RunSteps& steps);

}  // namespace csptrace
