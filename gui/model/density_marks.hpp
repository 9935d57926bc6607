// What a lane of a preview (TraceDocument::density) draws: its time buckets that hold events, as
// counted marks, neighbours closer than min_px joined into one, as LaneIndex::fold joins events.
// A mark covers its buckets' whole width (the events' own times are not known yet), clipped to
// the run [t_lo, t_hi]; its `first` is csptrace::kNone. The work is bounded by the buckets in
// view (at most LaneDensity::kBuckets), whatever the number of events.
#pragma once

#include "lane_index.hpp"
#include "time_scale.hpp"

#include <csptrace/lane_density.hpp>

#include <cstdint>
#include <vector>

namespace cspview {

std::vector<LaneMark> density_marks(const csptrace::LaneDensity& d,
                                    csptrace::LaneDensity::Side side, uint32_t lane,
                                    const TimeScale& scale, double t_lo, double t_hi,
                                    double min_px = 3.0);

}  // namespace cspview
