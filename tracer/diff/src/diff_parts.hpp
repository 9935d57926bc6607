// The parts of diff_traces, one file each; they fill their member of TraceDiff.
#pragma once

#include <csptrace/trace_diff.hpp>

namespace csptrace::diff_detail {

void diff_processes(const TraceModel& a, const TraceModel& b, const DiffOptions& o, TraceDiff& d);
void diff_channels(const TraceModel& a, const TraceModel& b, const DiffOptions& o, TraceDiff& d);
void diff_outcomes(const TraceModel& a, const TraceModel& b, TraceDiff& d);
void diff_decisions(const TraceModel& a, const TraceModel& b, TraceDiff& d);

}  // namespace csptrace::diff_detail
