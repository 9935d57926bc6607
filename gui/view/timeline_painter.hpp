// Paints one frame of the timeline from a TimelineScene: axis, lanes, state spans, event
// markers, rendezvous arrows, findings, cursor and legend. Draws only what is visible: every
// lane is cut to the time window with a binary search, and runs narrower than a few pixels
// fold into one counted mark, so a frame costs about the number of pixels, not of events.
#pragma once

#include "timeline_scene.hpp"

#include <QPainter>

namespace cspview {

class TimelinePainter {
 public:
  explicit TimelinePainter(const TimelineScene& scene) : s_(scene) {}
  void paint(QPainter& p) const;

  static constexpr double kFoldPx = 3.0;

 private:
  void paint_rows(QPainter& p) const;
  void paint_process_lane(QPainter& p, const LaneRow& row, int top) const;
  void paint_channel_lane(QPainter& p, const LaneRow& row, int top) const;
  void paint_occupancy(QPainter& p, const LaneRow& row, int top, int height) const;
  void paint_folded(QPainter& p, const LaneMark& mark, int top, int height) const;
  void marker(QPainter& p, size_t event, double x, int top, int height) const;
  void paint_arrows(QPainter& p) const;
  void paint_overlay(QPainter& p) const;
  void paint_stuck(QPainter& p) const;
  void paint_cycle(QPainter& p) const;
  void paint_marks(QPainter& p) const;
  void paint_cursor(QPainter& p) const;
  void paint_axis(QPainter& p) const;
  void paint_labels(QPainter& p) const;
  void paint_legend(QPainter& p) const;

  int lane_centre(const LaneRow* row) const { return s_.row_top(*row) + row->height / 2; }

  const TimelineScene& s_;
};

}  // namespace cspview
