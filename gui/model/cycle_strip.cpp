#include "cycle_strip.hpp"

#include <algorithm>
#include <cmath>

namespace cspview {

int CycleStrip::width_for(size_t edges, double font_scale) {
  if (edges == 0) return 0;
  return int(std::lround((30.0 * double(edges) + 34.0) * font_scale));
}

CycleStrip::CycleStrip(const std::vector<WaitArrow>& cycle, const LaneLayout& layout, double left,
                       double width, double rows_top)
    : left_(left), width_(width) {
  if (cycle.empty()) return;
  const double gap = width / double(cycle.size() + 1);
  auto centre = [rows_top](const LaneRow& r) { return rows_top + r.y + r.height / 2.0; };
  for (size_t k = 0; k < cycle.size(); ++k) {
    const WaitArrow& a = cycle[k];
    std::optional<LaneRow> w = layout.process_row(a.waiter);
    std::optional<LaneRow> r = layout.process_row(a.releaser);
    if (!w || !r) continue;
    CycleColumn c;
    c.edge = k;
    c.x = left + gap * double(k + 1);
    c.y_waiter = centre(*w);
    c.y_releaser = centre(*r);
    if (const std::optional<LaneRow> ch = layout.channel_row(a.chan)) c.y_chan = centre(*ch);
    c.park_event = a.park_event;
    columns_.push_back(c);
  }
}

std::optional<size_t> CycleStrip::edge_at(double x, double y, double slop) const {
  // The arrows bow up to 18 px either side of their column line; the nearest column wins.
  std::optional<size_t> best;
  double best_d = 18 + slop;
  for (const CycleColumn& c : columns_) {
    double top = std::min(c.y_waiter, c.y_releaser), bottom = std::max(c.y_waiter, c.y_releaser);
    if (c.y_chan) top = std::min(top, *c.y_chan), bottom = std::max(bottom, *c.y_chan);
    const double d = std::abs(x - c.x);
    if (y < top - slop || y > bottom + slop || d > best_d) continue;
    best = c.edge;
    best_d = d;
  }
  return best;
}

}  // namespace cspview
