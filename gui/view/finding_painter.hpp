// What a selected finding adds to the timeline, and the waits that never end: the names of the
// lanes it involves in red (the lanes keep their state colours, so the legend still reads),
// red hatched spans from where each stuck wait began, labelled with what it waits on; the
// events its explanation gives as the cause, ringed and tagged "cause"; and the wait-for
// cycle in its own strip right of the lanes (CycleStrip), never over events.
#pragma once

#include "cycle_strip.hpp"
#include "timeline_scene.hpp"

#include <QPainter>

namespace cspview {

class FindingPainter {
 public:
  explicit FindingPainter(const TimelineScene& scene) : s_(scene) {}
  // Inside the lanes' clip: stuck spans and causes.
  void paint_lanes(QPainter& p) const;
  // The strip (outside the lanes' clip).
  void paint_cycle_strip(QPainter& p) const;
  // The strip's geometry, for painting and for hit testing.
  static CycleStrip strip(const TimelineScene& s);

 private:
  void paint_stuck(QPainter& p) const;
  void paint_causes(QPainter& p) const;

  const TimelineScene& s_;
};

}  // namespace cspview
