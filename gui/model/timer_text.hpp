// Timers in the time the axis uses. The axis shows the clock the recorder stamped events with.
// Under the deterministic scheduler (--seed) timers do not run on that clock: a timer fires
// when every process waits, after its duration of *virtual* time, so "timeout 10ms" armed at
// 630 µs may fire at 706 µs on the axis. The viewer says so wherever it shows a timer, instead
// of letting the name contradict the ruler.
#pragma once

#include "lane_index.hpp"

#include <csptrace/trace_model.hpp>

#include <cstdint>
#include <span>
#include <string>

namespace cspview {

// True when the trace's timers ran on the deterministic scheduler's virtual clock.
bool timers_are_virtual(const csptrace::TraceModel& m);

// One line for a timer channel, in the axis's time: "set for 10 ms of virtual time; fired
// 24.3 µs later on this axis" (virtual), "set for 10 ms; fired after 10.1 ms" (pool), or
// "set for 10 ms; not fired" when it never fired. Empty for channels that are not timers.
std::string timer_note(const csptrace::TraceModel& m, LaneList lane, uint32_t chan);

// The ruler's title: "time →", or "time → (virtual timers)" when timers_are_virtual.
std::string axis_title(const csptrace::TraceModel& m);

}  // namespace cspview
