// How `csptrace diff` shows a comparison: text for people, JSON for tools.
#pragma once

#include <csptrace/trace_diff.hpp>

#include <cstddef>

namespace csptrace::cli {

// The report on standard output; `context` steps of the first diverging process are shown on
// each side of its divergence.
void print_diff_text(const TraceModel& a, const TraceModel& b, const TraceDiff& d, size_t context);
void print_diff_json(const TraceModel& a, const TraceModel& b, const TraceDiff& d, size_t context);

}  // namespace csptrace::cli
