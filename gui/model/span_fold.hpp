// The state spans of one process lane as drawn: intervals at least min_px wide are drawn one by
// one; a run of narrower ones becomes a single folded mark that counts them (Tracy), so a frame
// costs O(width / min_px · log n) per lane however many state changes the process had.
#pragma once

#include "time_scale.hpp"

#include <csptrace/timeline.hpp>

#include <cstdint>
#include <vector>

namespace cspview {

struct SpanMark {
  double x0 = 0, x1 = 0;  // pixels
  uint32_t first = 0;     // index of the first interval
  uint32_t count = 1;     // > 1: a folded run of narrow intervals
};

// Precondition: intervals are sorted and touching (as Timeline::intervals gives them).
std::vector<SpanMark> fold_spans(const csptrace::IntervalList& intervals, const TimeScale& scale,
                                 double min_px = 3.0);

}  // namespace cspview
