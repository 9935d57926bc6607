#include "time_scale.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace cspview {

namespace {

double clamp_zoom(double ns_per_px) {
  return std::clamp(ns_per_px, TimeScale::kMinNsPerPx, TimeScale::kMaxNsPerPx);
}

// The axis unit: the largest of s, ms, µs, ns in which the step needs at most three decimals
// and the times shown reach 1, so that a run 12.8 ms after the clock's start reads "12.85 ms"
// (not "12850 µs") and one 20 µs long reads "2 µs" (not "0.002 ms").
double unit_for(double step_ns, double t_max_ns) {
  for (double unit : {1e9, 1e6, 1e3})
    if (step_ns / unit >= 0.001 - 1e-12 && t_max_ns / unit >= 1) return unit;
  return 1;
}

}  // namespace

TimeScale TimeScale::fit(double t0, double t1, int width_px) {
  TimeScale s;
  s.width_px = std::max(1, width_px);
  if (t1 < t0) std::swap(t0, t1);
  double span = t1 - t0;
  if (span <= 0) {
    span = 1000;
    t0 -= span / 2;
  }
  const double margin = span * 0.02;
  s.ns_per_px = clamp_zoom((span + 2 * margin) / s.width_px);
  s.start_ns = t0 - margin;
  return s;
}

TimeScale TimeScale::zoomed(double anchor_x, double factor) const {
  if (!(factor > 0)) return *this;
  TimeScale s = *this;
  const double t_anchor = t_of(anchor_x);
  s.ns_per_px = clamp_zoom(ns_per_px / factor);
  s.start_ns = t_anchor - anchor_x * s.ns_per_px;
  return s;
}

TimeScale TimeScale::panned(double dx) const {
  TimeScale s = *this;
  s.start_ns -= dx * ns_per_px;
  return s;
}

TimeScale TimeScale::selected(double x0, double x1) const {
  if (x1 < x0) std::swap(x0, x1);
  TimeScale s = *this;
  const double t0 = t_of(x0);
  s.ns_per_px = clamp_zoom((std::max(x1 - x0, 1.0) * ns_per_px) / width_px);
  s.start_ns = t0;
  return s;
}

TimeScale TimeScale::centred_on(double t_ns) const {
  TimeScale s = *this;
  s.start_ns = t_ns - (width_px / 2.0) * ns_per_px;
  return s;
}

TimeScale TimeScale::bounded(double lo, double hi, double max_span) const {
  TimeScale s = *this;
  const double widest = std::max(std::min(max_span, hi - lo), kMinNsPerPx * width_px);
  if (s.ns_per_px * width_px > widest) {
    // Zoom in about the view's centre, then slide into the bounds.
    const double centre = s.t_of(width_px / 2.0);
    s.ns_per_px = clamp_zoom(widest / width_px);
    s.start_ns = centre - s.ns_per_px * width_px / 2.0;
  }
  const double view = s.ns_per_px * width_px;
  s.start_ns = std::max(lo, std::min(s.start_ns, hi - view));
  return s;
}

std::vector<AxisTick> TimeScale::ticks(double min_gap_px) const {
  std::vector<AxisTick> out;
  const double min_step = std::max(min_gap_px, 1.0) * ns_per_px;
  double step = std::pow(10.0, std::floor(std::log10(min_step)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (step * m >= min_step) {
      step *= m;
      break;
    }
  }
  step = std::max(step, 1.0);  // trace time is whole nanoseconds
  // One unit for the whole axis, so that labels read as a ruler: "2.5 s, 3 s" rather than
  // "2500 ms, 3000 ms".
  const double unit = unit_for(step, std::abs(end_ns()));
  const double first = std::ceil(start_ns / step);
  for (double k = first; out.size() < 1000; ++k) {
    const double t = k * step;  // multiply, not accumulate, so labels do not drift
    if (t > end_ns()) break;
    out.push_back({t, x_of(t), format_time_in_unit(t, unit)});
  }
  return out;
}

std::string format_time_in_unit(double t_ns, double unit_ns) {
  if (t_ns == 0) return "0";
  const char* name = unit_ns >= 1e9 ? "s" : unit_ns >= 1e6 ? "ms" : unit_ns >= 1e3 ? "µs" : "ns";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.6f", t_ns / unit_ns);
  std::string text = buf;
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text + " " + name;
}

}  // namespace cspview
