// The wait-for cycle's own strip, right of the lanes: one column per edge, an arrow from the
// waiter's row to the channel it waits on and on to the process that could release it. The
// strip is outside the time axis, so the cycle is never drawn over events whatever the zoom,
// and each column leads to the park that began its wait. Pure geometry, no Qt.
//
// Invariants: columns are left to right in cycle order, inside [left, left + width); a column
// whose waiter or releaser row is hidden (folded, filtered) is left out.
#pragma once

#include "lane_layout.hpp"
#include "timeline_overlay.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace cspview {

struct CycleColumn {
  size_t edge = 0;  // index into the overlay's cycle
  double x = 0;
  double y_waiter = 0, y_releaser = 0;
  std::optional<double> y_chan;  // the channel's row, when shown
  size_t park_event = 0;         // where the click leads
};

class CycleStrip {
 public:
  // The strip's width for a cycle of n edges (0 when there is none), at a font scale.
  static int width_for(size_t edges, double font_scale);

  CycleStrip() = default;
  // `rows_top` is the screen y of layout row y == 0 (the lanes' top minus the scroll).
  CycleStrip(const std::vector<WaitArrow>& cycle, const LaneLayout& layout, double left,
             double width, double rows_top);

  const std::vector<CycleColumn>& columns() const { return columns_; }
  double left() const { return left_; }
  double width() const { return width_; }
  // The edge whose column passes within `slop` pixels of (x, y), between its end rows.
  std::optional<size_t> edge_at(double x, double y, double slop = 8) const;

 private:
  double left_ = 0, width_ = 0;
  std::vector<CycleColumn> columns_;
};

}  // namespace cspview
