// Everything one frame of the timeline depends on, so that the widget, the SVG / PNG export
// and the benchmark paint the same picture through TimelinePainter.
#pragma once

#include "lane_layout.hpp"
#include "theme.hpp"
#include "time_scale.hpp"
#include "timeline_metrics.hpp"
#include "timeline_overlay.hpp"
#include "trace_document.hpp"

#include <QFont>
#include <QRect>
#include <QSize>

#include <cstddef>
#include <optional>

namespace cspview {

struct TimelineScene {
  const TraceDocument* doc = nullptr;
  const LaneLayout* layout = nullptr;
  const TimelineOverlay* overlay = nullptr;
  Theme theme = Theme::make(false, false);
  QFont font;
  QSize size;                 // of the whole timeline, in pixels
  TimelineMetrics metrics;    // label column, axis, lane heights
  int legend_height = 26;     // state legend at the bottom
  int scroll_y = 0;           // lanes scrolled up by this many pixels
  TimeScale scale;            // maps time to x within the lanes area (x 0 == label_width())
  std::optional<size_t> cursor;    // event index
  std::optional<size_t> selected;  // event index
  bool processes_collapsed = false, channels_collapsed = false;

  int label_width() const { return metrics.label_width; }
  int lanes_top() const { return metrics.axis_height; }
  int lanes_bottom() const { return size.height() - legend_height; }
  QRect lanes_rect() const {
    return QRect(label_width(), lanes_top(), size.width() - label_width(), lanes_bottom() - lanes_top());
  }
  // Screen y of a layout row's top.
  int row_top(const LaneRow& r) const { return lanes_top() + r.y - scroll_y; }
  // Screen x of a trace time.
  double x_of(double t_ns) const { return label_width() + scale.x_of(t_ns); }
};

}  // namespace cspview
