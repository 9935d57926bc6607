#include "run_span.hpp"

#include <algorithm>

namespace cspview {

double RunSpan::margin() const { return std::max(500.0, 0.02 * double(duration())); }

double RunSpan::view_lo() const {
  return std::min(double(first), std::max(0.0, double(first) - margin()));
}

double RunSpan::view_hi() const { return double(end) + margin(); }

double RunSpan::max_view() const { return (double(duration()) + 2 * margin()) * 1.5; }

RunSpan run_span_of(const csptrace::TraceModel& m) {
  RunSpan r;
  if (m.empty()) return r;
  const size_t n = m.size();
  const bool ended = m.kind(n - 1) == csptrace::EventKind::End;
  const size_t real = ended && n > 1 ? n - 1 : n;
  r.first = r.last = m.time(0);
  for (size_t i = 0; i < real; ++i) {
    r.first = std::min(r.first, m.time(i));
    r.last = std::max(r.last, m.time(i));
  }
  r.end = ended ? std::max(r.last, m.time(n - 1)) : r.last;
  if (ended && n == 1) r.first = r.last = r.end;
  return r;
}

}  // namespace cspview
