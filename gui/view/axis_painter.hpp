// The time ruler on top of the lanes: ticks and their times, user marks as flags, the cursor's
// "#74" badge, and where the run ends before an idle tail, a break (two slants).
// Labels are placed with a LabelRow, most important first (the cursor badge, then the marks,
// then the tick times), so none covers another.
#pragma once

#include "timeline_scene.hpp"

#include <QPainter>

namespace cspview {

class AxisPainter {
 public:
  explicit AxisPainter(const TimelineScene& scene) : s_(scene) {}
  void paint(QPainter& p) const;
  // The grid lines of the ticks across the lanes.
  void paint_grid(QPainter& p) const;
  // The idle tail where it is in view: hatched, so it reads as "nothing happens here", and
  // said in words on the Processes title row ("⟩⟩ idle 7.0 ms, the trace ends at 7.558 ms").
  void paint_idle(QPainter& p) const;

 private:
  const TimelineScene& s_;
};

}  // namespace cspview
