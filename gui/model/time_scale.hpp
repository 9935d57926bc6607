// The mapping between trace time (ns) and pixels on the timeline, and the axis ticks. A plain
// value type with no Qt and no widget, so it is tested on its own (as KDAB hotspot does).
//
// Invariants: ns_per_px > 0 and within [kMinNsPerPx, kMaxNsPerPx]; width_px >= 1.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cspview {

struct AxisTick {
  double t_ns;        // where the tick is in trace time
  double x;           // where it is on screen
  std::string label;  // "1.5 ms", in the unit chosen for the whole axis
};

struct TimeScale {
  static constexpr double kMinNsPerPx = 0.01;  // 100 px per ns: far past any useful zoom
  static constexpr double kMaxNsPerPx = 1e12;

  double start_ns = 0;   // trace time at x == 0
  double ns_per_px = 1;  // zoom
  int width_px = 1;      // width of the drawing area

  double x_of(double t_ns) const { return (t_ns - start_ns) / ns_per_px; }
  double t_of(double x) const { return start_ns + x * ns_per_px; }
  double end_ns() const { return t_of(width_px); }

  // Shows [t0, t1] across the width with a small margin each side; an empty or single-instant
  // range gets a 1 µs window centred on it.
  static TimeScale fit(double t0, double t1, int width_px);
  // Zooms by factor (> 1 zooms in) keeping the time under anchor_x where it is.
  TimeScale zoomed(double anchor_x, double factor) const;
  // Moves the view by dx pixels (dragging the content right shows earlier times).
  TimeScale panned(double dx) const;
  // The view that shows exactly the time between pixel columns x0 and x1 (either order).
  TimeScale selected(double x0, double x1) const;
  // Puts trace time t_ns in the middle of the view, keeping the zoom.
  TimeScale centred_on(double t_ns) const;
  // The same view, zoomed in as far as needed to show at most max_span ns, then moved as
  // little as possible to lie within [lo, hi] (a span wider than hi - lo starts at lo).
  TimeScale bounded(double lo, double hi, double max_span) const;

  // Ticks at 1-2-5 steps, at least min_gap_px apart, labelled in one unit for the axis.
  std::vector<AxisTick> ticks(double min_gap_px = 90) const;

  bool operator==(const TimeScale&) const = default;
};

// "0", "250 ns", "1.5 µs", "12 ms", "3.25 s": the shortest text for t in the given unit
// (unit_ns one of 1, 1e3, 1e6, 1e9).
std::string format_time_in_unit(double t_ns, double unit_ns);

}  // namespace cspview
