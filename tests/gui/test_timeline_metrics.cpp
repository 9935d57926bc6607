#include <catch2/catch.hpp>

#include "timeline_metrics.hpp"

using namespace cspview;

TEST_CASE("the lane names never take the room of a small window from the timeline", "[metrics]") {
  for (double scale : {1.0, 1.6})
    for (int width : {400, 640, 800, 1024, 1280, 1920, 3840}) {
      INFO("scale " << scale << ", width " << width);
      const TimelineMetrics m = TimelineMetrics::make(scale, width);
      CHECK(width - m.label_width >= 0.6 * width);
      CHECK(m.label_width >= std::min(int(90 * scale), width / 3));
      CHECK(m.lane_height > 0);
    }
  // A wide desk window keeps the full name column; presentation mode scales every size.
  CHECK(TimelineMetrics::make(1.0, 1280).label_width == 165);
  const TimelineMetrics desk = TimelineMetrics::make(1.0, 1600),
                        room = TimelineMetrics::make(1.6, 1600);
  CHECK(room.lane_height > desk.lane_height);
  CHECK(room.axis_height > desk.axis_height);
  CHECK(room.label_width > desk.label_width);
}
