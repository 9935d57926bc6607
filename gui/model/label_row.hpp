// Places text labels along one row of the timeline (the ruler, a lane) so that no label covers
// another, a tick, or the cursor's badge: each label goes where it is wanted when that place
// is free, else to the nearest free place within its allowed range, else nowhere. Pure
// geometry, no Qt, so the rule is tested on its own.
//
// Invariant: the taken intervals never overlap (each placed label plus `gap` each side).
#pragma once

#include <optional>
#include <utility>
#include <vector>

namespace cspview {

class LabelRow {
 public:
  // Keeps [x0, x1] free of labels (a tick, the cursor badge, another row's claim).
  void reserve(double x0, double x1);
  // Places a label w wide as near to `x` (its wanted left edge) as possible with its left
  // edge in [min_x, max_x - w]; returns the left edge, or nullopt (do not draw it).
  std::optional<double> place(double x, double w, double min_x, double max_x);
  // Whether [x0, x1] (plus the gap) is free.
  bool free(double x0, double x1) const;

  double gap = 4;  // pixels kept between labels

 private:
  std::vector<std::pair<double, double>> taken_;  // sorted by start
};

}  // namespace cspview
