#include "timeline_metrics.hpp"

#include <algorithm>
#include <cmath>

namespace cspview {

TimelineMetrics TimelineMetrics::make(double font_scale, int widget_width) {
  TimelineMetrics m;
  auto scaled = [font_scale](double px) { return int(std::lround(px * font_scale)); };
  m.lane_height = scaled(26);
  m.group_height = scaled(22);
  m.axis_height = scaled(30);
  // Names take at most a fifth of a narrow timeline (elided in the middle when longer).
  m.label_width = std::clamp(widget_width / 5, std::min(scaled(90), widget_width / 3), scaled(165));
  return m;
}

}  // namespace cspview
