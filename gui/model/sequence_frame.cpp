#include "sequence_frame.hpp"

#include <algorithm>
#include <cmath>

namespace cspview {

SequenceMetrics SequenceMetrics::scaled(double s) const {
  SequenceMetrics m = *this;
  for (double* v : {&m.row_min, &m.row_max, &m.header, &m.gutter, &m.col_min, &m.col_max, &m.margin,
                    &m.cycle_row})
    *v *= s;
  return m;
}

std::optional<size_t> SequenceFrame::row_at_y(double y) const {
  if (row_y.empty()) return std::nullopt;
  auto it = std::lower_bound(row_y.begin(), row_y.end(), y);
  size_t k = size_t(it - row_y.begin());
  if (k == row_y.size() || (k > 0 && y - row_y[k - 1] < row_y[k] - y)) --k;
  if (std::abs(row_y[k] - y) > std::max(row_h, 8.0) / 2 + 1) return std::nullopt;
  return first_row + k;
}

namespace {

// The height below the rows: the wait-for cycle's edges and the stuck lifelines' crosses.
double footer(const SequenceLayout& layout, const SequenceMetrics& mx) {
  return layout.cycle().empty() ? 0 : double(layout.cycle().size()) * mx.cycle_row + mx.row_min;
}

}  // namespace

size_t rows_that_fit(const SequenceLayout& layout, const SequenceMetrics& mx, double height) {
  const double band = height - mx.header - mx.margin * 2 - footer(layout, mx);
  const size_t all = size_t(std::max(3.0, std::floor(band / mx.row_min)));
  if (all >= layout.rows().size()) return all;
  // A window says which rows it shows ("rows 15–31 of 337") on a line of its own.
  return size_t(std::max(3.0, std::floor((band - mx.row_min) / mx.row_min)));
}

size_t window_start(size_t total, size_t fit, std::optional<size_t> cursor_row, size_t current) {
  if (total <= fit) return 0;
  const size_t last_start = total - fit;
  current = std::min(current, last_start);
  if (!cursor_row) return 0;
  const size_t c = *cursor_row;
  const size_t keep = std::min<size_t>(2, fit / 4);
  if (c >= current + keep && c + keep < current + fit) return current;
  return std::min(last_start, c > fit / 3 ? c - fit / 3 : 0);
}

namespace {

constexpr size_t kUnneeded = size_t(-1);

// How far from the cursor's row a window needs each lifeline, in rows: 0 for the deadlock's
// (stuck, or in the cycle) and the cursor row's own, which are never left out while there is
// room; then by the nearest row or wait bar of the window that touches it; kUnneeded when
// nothing in the window does.
std::vector<size_t> lane_distances(const SequenceLayout& layout, size_t first, size_t end,
                                   std::optional<size_t> cursor) {
  std::vector<size_t> dist(layout.lifelines().size(), kUnneeded);
  const size_t c = cursor ? std::clamp(*cursor, first, end > first ? end - 1 : first) : first;
  auto mark = [&](uint32_t l, size_t d) {
    if (l < dist.size()) dist[l] = std::min(dist[l], d);
  };
  for (size_t r = first; r < end; ++r) {
    const size_t d = r > c ? r - c : c - r;
    mark(layout.rows()[r].from, d), mark(layout.rows()[r].to, d);
  }
  for (const SeqWaitBar& b : layout.bars())
    if (b.first_row < end && b.end_row >= first)
      mark(b.lifeline, c < b.first_row ? b.first_row - c : c > b.end_row ? c - b.end_row : 0);
  for (const SeqCycleEdge& e : layout.cycle()) mark(e.waiter, 0), mark(e.releaser, 0);
  for (size_t l = 0; l < dist.size(); ++l)
    if (layout.lifelines()[l].stuck) mark(uint32_t(l), 0);
  return dist;
}

}  // namespace

SequenceFrame frame_sequence(const SequenceLayout& layout, const csptrace::TraceModel& m,
                             const SequenceMetrics& mx, double width, double height,
                             size_t first_row, std::optional<size_t> cursor_row, bool real_time) {
  SequenceFrame fr;
  fr.width = width;
  fr.height = height;
  fr.total_rows = layout.rows().size();
  fr.gutter = mx.gutter;
  fr.cursor_row = cursor_row;
  const size_t fit = rows_that_fit(layout, mx, height);
  fr.first_row = std::min(first_row, fr.total_rows > fit ? fr.total_rows - fit : size_t(0));
  fr.end_row = std::min(fr.total_rows, fr.first_row + fit);
  const size_t shown = fr.end_row - fr.first_row;

  // Columns: every lifeline when they fit at the minimum width, else those this window needs.
  const size_t n = layout.lifelines().size();
  const double room = std::max(1.0, width - mx.gutter - mx.margin);
  std::vector<bool> use(n, true);
  size_t cols = n;
  if (double(n) * mx.col_min > room) {
    // The nearest to the cursor first (lifeline order among equals), shown in lifeline order.
    const std::vector<size_t> dist = lane_distances(layout, fr.first_row, fr.end_row, cursor_row);
    std::vector<uint32_t> order;
    for (uint32_t l = 0; l < n; ++l)
      if (dist[l] != kUnneeded) order.push_back(l);
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return dist[a] < dist[b]; });
    order.resize(std::min(order.size(), std::max<size_t>(1, size_t(room / mx.col_min))));
    use.assign(n, false);
    for (uint32_t l : order) use[l] = true;
    cols = order.size();
  }
  fr.hidden_lanes = n - cols;
  fr.col_w = cols ? std::min(mx.col_max, room / double(cols)) : 0;
  // A chart narrower than the frame sits in its middle.
  const double left = mx.gutter + (room - fr.col_w * double(cols)) / 2;
  fr.lane_x.assign(n, SequenceFrame::kHidden);
  size_t k = 0;
  for (size_t l = 0; l < n; ++l)
    if (use[l]) fr.lane_x[l] = left + fr.col_w * (double(k++) + 0.5);

  // Rows: evenly spaced, or by time with a readable minimum gap.
  fr.top = mx.header + mx.margin;
  const double band =
      height - fr.top - mx.margin - footer(layout, mx) - (shown < fr.total_rows ? mx.row_min : 0);
  fr.row_h = shown ? std::clamp(band / double(shown), mx.row_min, mx.row_max) : mx.row_max;
  fr.row_y.resize(shown);
  if (!real_time || shown < 2) {
    for (size_t r = 0; r < shown; ++r) fr.row_y[r] = fr.top + fr.row_h * (double(r) + 0.5);
  } else {
    const auto t0 = double(m.time(layout.rows()[fr.first_row].event));
    const auto t1 = double(m.time(layout.rows()[fr.end_row - 1].event));
    // Real time gets what the minimum gaps leave; each row is then pushed below its predecessor.
    const double spare = std::max(0.0, band - mx.row_min * double(shown));
    double y = fr.top + mx.row_min / 2;
    for (size_t r = 0; r < shown; ++r) {
      const double t = double(m.time(layout.rows()[fr.first_row + r].event));
      const double by_time =
          fr.top + mx.row_min * (double(r) + 0.5) + (t1 > t0 ? (t - t0) / (t1 - t0) * spare : 0);
      y = r == 0 ? by_time : std::max(by_time, y + mx.row_min);
      fr.row_y[r] = y;
    }
    fr.row_h = mx.row_min;
  }
  fr.bottom = shown ? fr.row_y.back() + fr.row_h / 2 : fr.top;
  return fr;
}

}  // namespace cspview
