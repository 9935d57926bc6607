#include "event_number.hpp"

namespace cspview {

std::optional<size_t> event_at_number(const csptrace::TraceModel& m, uint64_t number) {
  // seq is strictly increasing: binary search for the last index whose seq <= number.
  size_t lo = 0, hi = m.size();
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (m.seq(mid) <= number)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0) return std::nullopt;
  return lo - 1;
}

}  // namespace cspview
