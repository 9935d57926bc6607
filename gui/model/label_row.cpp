#include "label_row.hpp"

#include <algorithm>
#include <cmath>

namespace cspview {

bool LabelRow::free(double x0, double x1) const {
  for (const auto& [a, b] : taken_)
    if (x0 < b + gap && a - gap < x1) return false;
  return true;
}

void LabelRow::reserve(double x0, double x1) {
  if (x1 < x0) std::swap(x0, x1);
  auto at = std::lower_bound(taken_.begin(), taken_.end(), std::pair(x0, x1));
  taken_.insert(at, {x0, x1});
}

std::optional<double> LabelRow::place(double x, double w, double min_x, double max_x) {
  const double hi = max_x - w;
  if (hi < min_x) return std::nullopt;
  // Candidates: where it is wanted, and flush against either side of every taken interval;
  // the free one nearest to where it is wanted wins.
  std::vector<double> candidates{std::clamp(x, min_x, hi)};
  for (const auto& [a, b] : taken_) {
    candidates.push_back(b + gap + 0.001);
    candidates.push_back(a - gap - w - 0.001);
  }
  std::optional<double> best;
  for (double c : candidates) {
    if (c < min_x || c > hi || !free(c, c + w)) continue;
    if (!best || std::abs(c - x) < std::abs(*best - x)) best = c;
  }
  if (best) reserve(*best, *best + w);
  return best;
}

}  // namespace cspview
