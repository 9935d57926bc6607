#include <csptrace/trace_diff.hpp>

#include "diff_parts.hpp"

namespace csptrace {

TraceDiff diff_traces(const TraceModel& a, const TraceModel& b, const DiffOptions& options) {
  TraceDiff d;
  d.match = match_traces(a, b);
  diff_detail::diff_processes(a, b, options, d);
  diff_detail::diff_channels(a, b, options, d);
  diff_detail::diff_outcomes(a, b, d);
  diff_detail::diff_decisions(a, b, d);
  return d;
}

}  // namespace csptrace
