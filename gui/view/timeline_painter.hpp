// Paints one frame of the timeline from a TimelineScene, back to front: the lanes (LanePainter),
// the idle tail, user marks, rendezvous arrows (ArrowPainter), search matches, a finding's
// stuck waits and causes (FindingPainter), the cursor, and above everything the story view's
// current hand-over; then the lane names, the ruler (AxisPainter), the wait-for cycle's strip,
// the caption band (CaptionPainter) and the legend. Draws only what is visible: every lane is
// cut to the time window with a binary search and runs narrower than a few pixels fold into one
// counted mark, so a frame costs about the number of pixels, not of events.
#pragma once

#include "timeline_scene.hpp"

#include <QPainter>

namespace cspview {

class TimelinePainter {
 public:
  explicit TimelinePainter(const TimelineScene& scene) : s_(scene) {}
  void paint(QPainter& p) const;

 private:
  void paint_rows(QPainter& p) const;
  void paint_marks(QPainter& p) const;
  void paint_matches(QPainter& p) const;
  void paint_cursor(QPainter& p) const;
  void paint_labels(QPainter& p) const;

  const TimelineScene& s_;
};

}  // namespace cspview
