// A deterministic run read back as what exploration needs: its decisions in order, and for each
// run decision the step it started: who ran, who else could have, and which channels the step
// touched. Built from a trace's `decide` events (docs/trace-format.md) and the events between
// them: in a deterministic run one step runs at a time, so every event between two run
// decisions belongs to the step the first one started.
#pragma once

#include <csptrace/schedule_spec.hpp>
#include <csptrace/trace_model.hpp>

#include <cstdint>
#include <vector>

namespace csptrace {

struct RunDecision {
  ScheduledDecision chosen;
  // The choices there were, in a canonical order (process ids ascending, then "fire a timer"
  // as proc 0 with the timer's chan; guard indices ascending). Empty when the trace does not
  // say (several timers due at once: exploration does not branch there).
  std::vector<ScheduledDecision> alternatives;
  // Run decisions: the channels the step touched (sorted, distinct), the processes it made
  // runnable (spawned or woke), the timers it armed. What the reduction's dependence and
  // happens-before are computed from.
  std::vector<ChanId> footprint;
  std::vector<ProcId> woke;
  std::vector<ChanId> armed;
  // The event index of the decide event.
  size_t event = 0;
};

struct RunSteps {
  std::vector<RunDecision> decisions;
  // What main's first stretch, before the first decision, made runnable and armed.
  std::vector<ProcId> initial_woke;
  std::vector<ChanId> initial_armed;
  size_t events = 0;            // events in the trace
  size_t context_switches = 0;  // run decisions that chose another process than the last step's
};

// Throws std::invalid_argument when the trace has no decisions (a pool run, or a run before
// format version 3).
RunSteps run_steps(const TraceModel& m);

// The defaults a prefix strategy takes once its list is used up (runtime/src/schedule): the
// oldest runnable process, the first guard. Whether `d` is that choice among `alternatives`.
bool is_default_choice(const RunDecision& d);

}  // namespace csptrace
