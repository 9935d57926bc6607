#include "span_fold.hpp"

#include <algorithm>

namespace cspview {

std::vector<SpanMark> fold_spans(const csptrace::IntervalList& iv, const TimeScale& scale,
                                 double min_px) {
  std::vector<SpanMark> out;
  // First interval that ends after t (the visible window's left edge, or a fold's end).
  auto ending_after = [&iv](size_t from, double t) {
    return csptrace::partition_index(from, iv.size(),
                                     [&](size_t k) { return double(iv[k].t_end) <= t; });
  };
  const double t_right = scale.end_ns();
  size_t i = ending_after(0, scale.t_of(0));
  while (i < iv.size() && double(iv[i].t_begin) <= t_right) {
    const double x0 = scale.x_of(double(iv[i].t_begin));
    const double x1 = scale.x_of(double(iv[i].t_end));
    if (x1 - x0 >= min_px || iv[i].t_end == iv[i].t_begin) {
      if (iv[i].t_end != iv[i].t_begin) out.push_back({x0, x1, uint32_t(i), 1});
      ++i;
      continue;
    }
    // A run of narrow intervals folds into one mark: everything that ends within min_px of a
    // narrow interval's start joins it (a binary search), and the run goes on while the next
    // interval is narrow too. Each step covers about min_px of screen, so the work stays
    // proportional to the width, not to the number of intervals.
    size_t j = i;
    while (j < iv.size() && double(iv[j].t_begin) <= t_right) {
      const double xb = scale.x_of(double(iv[j].t_begin));
      if (j > i && scale.x_of(double(iv[j].t_end)) - xb >= min_px) break;
      j = std::max(j + 1, ending_after(j, scale.t_of(xb + min_px)));
    }
    const double end = scale.x_of(double(iv[j - 1].t_end));
    out.push_back({x0, end, uint32_t(i), uint32_t(j - i)});
    i = j;
  }
  return out;
}

}  // namespace cspview
