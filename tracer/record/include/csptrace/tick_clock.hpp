// The recorder's clock: nanoseconds from a start point, read in a few cycles. Uses the CPU's
// time-stamp counter when it is invariant (or the kernel itself clocks with it), calibrated once
// per process against steady_clock; otherwise clock_gettime(CLOCK_MONOTONIC). Both are
// async-signal-safe to read.
#pragma once

#include <cstdint>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace csptrace {

class TickClock {
 public:
  // The process-wide clock (calibrated on first use: ~5 ms, once).
  static const TickClock& instance();

  uint64_t ticks() const noexcept {
#if defined(__x86_64__)
    if (tsc_) [[likely]]
      return __rdtsc();
#endif
    return monotonic_ticks();
  }
  // Nanoseconds between two tick readings (later - earlier).
  int64_t ns_between(uint64_t earlier, uint64_t later) const noexcept {
    return static_cast<int64_t>((static_cast<unsigned __int128>(later - earlier) * mult_) >> 32);
  }
  bool uses_tsc() const noexcept { return tsc_; }
  // The header's clock name.
  const char* name() const noexcept { return tsc_ ? "tsc_ns" : "steady_ns"; }

 private:
  TickClock();
  static uint64_t monotonic_ticks() noexcept;
  bool tsc_ = false;
  uint64_t mult_ = uint64_t{1} << 32;  // ns per tick, 32.32 fixed point
};

}  // namespace csptrace
