// Everything one frame of the timeline depends on, so that the widget, the SVG / PNG export
// and the benchmark paint the same picture through TimelinePainter.
//
// Top to bottom: the story caption band (the cursor's step in words, and a warning line when
// the trace was cut short), the time ruler, the lanes, the legend. Left to right: the lane
// names, the lanes (the time axis), and, while a finding with a wait-for cycle is selected,
// the cycle's own strip.
#pragma once

#include "event_search.hpp"
#include "lane_layout.hpp"
#include "story.hpp"
#include "theme.hpp"
#include "time_scale.hpp"
#include "timeline_metrics.hpp"
#include "timeline_overlay.hpp"
#include "trace_document.hpp"

#include <QFont>
#include <QRect>
#include <QSize>
#include <QString>

#include <cstddef>
#include <optional>

namespace cspview {

struct TimelineScene {
  const TraceDocument* doc = nullptr;
  const LaneLayout* layout = nullptr;
  const TimelineOverlay* overlay = nullptr;
  const SearchResult* matches = nullptr;  // search matches to mark; may be null
  Theme theme = Theme::make(false, false);
  QFont font;
  QSize size;                      // of the whole timeline, in pixels
  TimelineMetrics metrics;         // label column, axis, lane heights
  int caption_height = 0;          // the story caption band on top (0: none)
  int legend_height = 26;          // state legend at the bottom
  int strip_width = 0;             // the wait-for cycle's strip on the right (0: none)
  int scroll_y = 0;                // lanes scrolled up by this many pixels
  TimeScale scale;                 // maps time to x within the lanes area (x 0 == label_width())
  std::optional<size_t> cursor;    // event index
  std::optional<size_t> selected;  // event index
  StoryStep story;                 // the cursor's step in words, and the hand-over to highlight
  QString warning;                 // shown under the caption: the trace was cut short, ...
  bool processes_collapsed = false, channels_collapsed = false;

  int label_width() const { return metrics.label_width; }
  int axis_top() const { return caption_height; }
  int lanes_top() const { return caption_height + metrics.axis_height; }
  int lanes_bottom() const { return size.height() - legend_height; }
  int lanes_right() const { return size.width() - strip_width; }
  QRect lanes_rect() const {
    return QRect(label_width(), lanes_top(), lanes_right() - label_width(),
                 lanes_bottom() - lanes_top());
  }
  QRect strip_rect() const {
    return QRect(lanes_right(), lanes_top(), strip_width, lanes_bottom() - lanes_top());
  }
  // Screen y of a layout row's top, and of its middle.
  int row_top(const LaneRow& r) const { return lanes_top() + r.y - scroll_y; }
  // The layout's rows [first, last) that show between the axis and the legend (touching
  // counts). Precondition: layout.
  std::pair<size_t, size_t> visible_rows() const {
    return layout->rows_between(scroll_y - 1, scroll_y + lanes_bottom() - lanes_top() + 1);
  }
  int row_centre(const LaneRow& r) const { return row_top(r) + r.height / 2; }
  // Screen x of a trace time.
  double x_of(double t_ns) const { return label_width() + scale.x_of(t_ns); }
  double t_of(double x) const { return scale.t_of(x - label_width()); }
};

}  // namespace cspview
