#include "lane_index.hpp"

#include <algorithm>

namespace cspview {

using csptrace::EventKind;
using csptrace::kNone;
using csptrace::TraceModel;

LaneIndex::LaneIndex(const TraceModel& m) : proc_(m.processes().size()), chan_(m.channels().size()) {
  for (size_t i = 0; i < m.size(); ++i) {
    const auto ix = static_cast<uint32_t>(i);
    if (m.proc_index(i) != kNone) proc_[m.proc_index(i)].push_back(ix);
    if (m.chan_index(i) != kNone) chan_[m.chan_index(i)].push_back(ix);
    if (m.kind(i) == EventKind::Transfer) transfers_.push_back(ix);
    if (m.kind(i) == EventKind::Mark) marks_.push_back(ix);
    if (m.kind(i) == EventKind::BufPut) buf_puts_.push_back(ix);
  }
  transfers_by_time_ = transfers_;
  // Events are in seq order; times are normally in that order too, but a pool recording may
  // stamp two threads' events out of order, and the binary searches need time order.
  auto by_time = [&m](uint32_t a, uint32_t b) {
    return m.time(a) != m.time(b) ? m.time(a) < m.time(b) : a < b;
  };
  auto sort = [&](std::vector<uint32_t>& lane) {
    if (!std::is_sorted(lane.begin(), lane.end(), by_time)) std::sort(lane.begin(), lane.end(), by_time);
  };
  for (auto* lanes : {&proc_, &chan_})
    for (auto& lane : *lanes) sort(lane);
  sort(transfers_by_time_);
  sort(marks_);
  sort(buf_puts_);
}

std::span<const uint32_t> LaneIndex::visible(const TraceModel& m, std::span<const uint32_t> lane,
                                             double t0, double t1) {
  auto lo = std::lower_bound(lane.begin(), lane.end(), t0,
                             [&m](uint32_t e, double t) { return double(m.time(e)) < t; });
  auto hi = std::upper_bound(lo, lane.end(), t1,
                             [&m](double t, uint32_t e) { return t < double(m.time(e)); });
  return {lo, hi};
}

std::vector<LaneMark> LaneIndex::fold(const TraceModel& m, std::span<const uint32_t> lane,
                                      const TimeScale& scale, double min_px) {
  std::vector<LaneMark> out;
  // A little beyond the edges, so a mark half outside is still drawn.
  auto vis = visible(m, lane, scale.t_of(-min_px), scale.t_of(scale.width_px + min_px));
  auto it = vis.begin();
  while (it != vis.end()) {
    const double x = scale.x_of(double(m.time(*it)));
    // Everything that starts before x + min_px joins this mark.
    const double t_limit = scale.t_of(x + min_px);
    auto next = std::upper_bound(it + 1, vis.end(), t_limit,
                                 [&m](double t, uint32_t e) { return t < double(m.time(e)); });
    const double x1 = scale.x_of(double(m.time(*(next - 1))));
    const auto n = static_cast<uint32_t>(next - it);
    // A dense run keeps growing one mark: each step covers at least min_px of screen, so the
    // loop runs at most width / min_px times per lane whatever the number of events.
    if (!out.empty() && x - out.back().x1 < min_px) {
      out.back().x1 = x1;
      out.back().count += n;
    } else {
      out.push_back({x, x1, *it, n});
    }
    it = next;
  }
  return out;
}

}  // namespace cspview
