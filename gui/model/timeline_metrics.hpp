// The sizes of the timeline's parts, in pixels, decided in one place for a font scale (1 on a
// desk, 1.6 in presentation mode) and the widget's width. Pure arithmetic: no Qt.
//
// Invariants: every size is > 0; label_width leaves the lanes at least 60% of any width of
// 400 px or more, so the timeline, not the lane names, gets the room of a small window.
#pragma once

namespace cspview {

struct TimelineMetrics {
  int lane_height = 26;   // a process or channel lane, before few lanes grow to fill the height
  int group_height = 22;  // the "Processes" / "Channels" title rows
  int label_width = 165;  // lane names on the left
  int axis_height = 30;   // the time ruler on top

  static TimelineMetrics make(double font_scale, int widget_width);
};

}  // namespace cspview
