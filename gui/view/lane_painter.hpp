// Paints one process or channel lane of a TimelineScene: a process's state spans (or its events
// while the replay is still running) and the marks that say more than a state change; a
// channel's buffer fill, waiting bands, close hatching and events. Runs narrower than
// kFoldPx fold into one counted mark, so a lane costs about its width in pixels.
#pragma once

#include "lane_index.hpp"
#include "timeline_scene.hpp"

#include <QPainter>

namespace cspview {

class LanePainter {
 public:
  static constexpr double kFoldPx = 3.0;

  explicit LanePainter(const TimelineScene& scene) : s_(scene) {}
  void paint_process_lane(QPainter& p, const LaneRow& row, int top) const;
  void paint_channel_lane(QPainter& p, const LaneRow& row, int top) const;
  // The "1,234" mark of a folded run.
  void paint_folded(QPainter& p, const LaneMark& mark, int top, int height) const;

 private:
  void paint_occupancy(QPainter& p, const LaneRow& row, int top, int height) const;
  void marker(QPainter& p, size_t event, double x, int top, int height) const;

  const TimelineScene& s_;
};

}  // namespace cspview
