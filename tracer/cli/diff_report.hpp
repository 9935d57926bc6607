// How `csptrace diff` shows a comparison: text for people, JSON for tools.
#pragma once

#include <csptrace/trace_diff.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace csptrace::cli {

// What the report says of a run without reading its events: taken from its model when the
// trace is let go of (a run read in one pass).
struct RunSummary {
  std::string source;
  TraceHeader header;
  size_t events = 0, processes = 0, channels = 0;
  bool complete = false;
  EndReason end = EndReason::Truncated;
  std::optional<uint64_t> last_seq;  // the last event's, unless there are none
  static RunSummary of(const TraceModel& m);
};

// Whether the report shows events of the runs (a divergence, a parting, a difference, a process
// of one run only), so that it needs their models; otherwise the summaries say it all.
bool report_shows_events(const TraceDiff& d);

// The report on standard output; `context` steps of the first diverging process are shown on
// each side of its divergence. a and b are the runs' models, which may be null when
// report_shows_events(d) is false.
void print_diff_text(const RunSummary& sa, const RunSummary& sb, const TraceModel* a,
                     const TraceModel* b, const TraceDiff& d, size_t context);
void print_diff_json(const RunSummary& sa, const RunSummary& sb, const TraceModel* a,
                     const TraceModel* b, const TraceDiff& d, size_t context);

}  // namespace csptrace::cli
