#include "density_marks.hpp"

#include <algorithm>
#include <cmath>

namespace cspview {

std::vector<LaneMark> density_marks(const csptrace::LaneDensity& d,
                                    csptrace::LaneDensity::Side side, uint32_t lane,
                                    const TimeScale& scale, double t_lo, double t_hi,
                                    double min_px) {
  std::vector<LaneMark> out;
  const auto counts = d.lane(side, lane);
  if (counts.empty()) return out;
  const double origin = double(d.origin()), w = double(d.width());
  // The buckets in view, a little beyond the edges so a mark half outside is still drawn.
  const double view_lo = std::max(scale.t_of(-min_px), t_lo);
  const double view_hi = std::min(scale.t_of(scale.width_px + min_px), t_hi);
  if (view_lo > view_hi) return out;
  const double last = double(counts.size() - 1);
  const auto b0 = size_t(std::clamp(std::floor((view_lo - origin) / w), 0.0, last));
  const auto b1 = size_t(std::clamp(std::floor((view_hi - origin) / w), 0.0, last));
  for (size_t b = b0; b <= b1; ++b) {
    if (counts[b] == 0) continue;
    const double from = std::max(origin + double(b) * w, t_lo);
    const double to = std::min(origin + double(b + 1) * w, t_hi);
    const double x0 = scale.x_of(from), x1 = scale.x_of(std::max(from, to));
    if (!out.empty() && x0 - out.back().x1 < min_px) {
      out.back().x1 = x1;
      out.back().count =
          uint32_t(std::min<uint64_t>(uint64_t(out.back().count) + counts[b], UINT32_MAX));
    } else {
      out.push_back({x0, x1, csptrace::kNone, counts[b]});
    }
  }
  return out;
}

}  // namespace cspview
