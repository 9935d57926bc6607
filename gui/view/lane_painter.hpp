// Paints one process or channel lane of a TimelineScene: a process's state spans (or its events
// while the replay is still running) and the marks that say more than a state change; a
// channel's buffer fill, waiting bands, close hatching and events; a preview's lanes, only
// where they have events and how many (TraceDocument::density). Runs narrower than
// kFoldPx fold into one counted mark, coloured by the states held longest along it (the
// timeline's summary, lane_detail.hpp), so a lane costs about its width in pixels.
#pragma once

#include "label_row.hpp"
#include "lane_index.hpp"
#include "schedule_deviations.hpp"
#include "timeline_scene.hpp"

#include <csptrace/lane_density.hpp>

#include <QPainter>
#include <QRectF>
#include <QString>

#include <optional>
#include <span>
#include <vector>

namespace cspview {

class LanePainter {
 public:
  static constexpr double kFoldPx = 3.0;

  explicit LanePainter(const TimelineScene& scene) : s_(scene) {}
  void paint_process_lane(QPainter& p, const LaneRow& row, int top) const;
  void paint_channel_lane(QPainter& p, const LaneRow& row, int top) const;
  // The "1,234" mark of a folded run of events (drawn hatched: what they did is not known yet).
  void paint_folded(QPainter& p, const LaneMark& mark, int top, int height) const;
  // A preview's lane: its counts of events by time, as folded marks (density_marks.hpp).
  void paint_density(QPainter& p, csptrace::LaneDensity::Side side, uint32_t lane, int top,
                     int height) const;
  // The outline and "1,234" count over a folded run of states, drawn in their colours.
  void paint_fold_count(QPainter& p, const LaneMark& mark, int top, int height) const;

 private:
  void paint_occupancy(QPainter& p, const LaneRow& row, int top, int height) const;
  void marker(QPainter& p, size_t event, double x, int top, int height) const;

  // A scheduler deviation in view: its badge and, where it fits, its label's left edge.
  struct DeviationInView {
    const DeviationMark* mark;
    QRectF badge;
    std::optional<double> label_x;
    QString label;
  };
  // The deviations of a lane (indices into the document's deviations) that are in view, at
  // most one per badge width (the earliest); their badges are reserved in `labels` and their
  // labels placed first, before the lane's own.
  std::vector<DeviationInView> deviations_in_view(std::span<const uint32_t> lane, int top, int h,
                                                  LabelRow& labels) const;
  void paint_deviations(QPainter& p, const std::vector<DeviationInView>& devs) const;

  const TimelineScene& s_;
};

}  // namespace cspview
