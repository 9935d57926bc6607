// The waits the viewer draws as stuck: those of the processes the analysis says wait forever
// (csptrace::Verdict::stuck), so the red hatching and the findings always agree.
#pragma once

#include "timeline_overlay.hpp"

#include <csptrace/replay_state.hpp>
#include <csptrace/trace_model.hpp>

#include <vector>

namespace cspview {

// `final` is the replay state after the last event, `stuck` the verdict's stuck processes. Each
// wait's text reads `stuck: take from "fork-1"` (csptrace::wait_text) with its place in `where`.
std::vector<StuckWait> stuck_waits(const csptrace::TraceModel& m,
                                   const csptrace::ReplayState& final,
                                   const std::vector<uint32_t>& stuck);

}  // namespace cspview
