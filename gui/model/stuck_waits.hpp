// Which processes the viewer draws as stuck: those still waiting when the trace ends whose
// operation has not completed (a completed one is about to be woken). One small function, so
// that the definition can be replaced by the analysis library's in one place.
#pragma once

#include "timeline_overlay.hpp"

#include <csptrace/replay_state.hpp>
#include <csptrace/trace_model.hpp>

#include <string>
#include <vector>

namespace cspview {

// `final` is the replay state after the last event; the labels are the display names by dense
// index. Each wait's text reads "stuck: take fork-1" with its place in `where`.
std::vector<StuckWait> find_stuck_waits(const csptrace::TraceModel& m, const csptrace::ReplayState& final,
                                        const std::vector<std::string>& chan_labels);

}  // namespace cspview
