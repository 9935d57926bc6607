#include <csptrace/tick_clock.hpp>

#include <time.h>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <string>
#include <string_view>

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace csptrace {

namespace {

bool tsc_is_trustworthy() {
#if defined(__x86_64__)
  unsigned a, b, c, d;
  if (__get_cpuid(0x80000007, &a, &b, &c, &d) && (d & (1u << 8))) return true;
  // Many VMs hide the invariant-TSC bit although the kernel keeps time with the TSC.
  std::ifstream cs("/sys/devices/system/clocksource/clocksource0/current_clocksource");
  std::string name;
  return cs >> name && name == "tsc";
#else
  return false;
#endif
}

int64_t monotonic_ns() noexcept {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

}  // namespace

const TickClock& TickClock::instance() {
  static const TickClock clock;
  return clock;
}

TickClock::TickClock() {
#if defined(__x86_64__)
  // CSP_TRACE_CLOCK=monotonic skips the 5 ms calibration below: for many short traced runs
  // (csptrace explore sets it), where starting fast matters more than a cheaper clock read.
  if (const char* c = std::getenv("CSP_TRACE_CLOCK"); c && std::string_view(c) == "monotonic")
    return;
  if (!tsc_is_trustworthy()) return;
  // Ticks per ns over a 5 ms window; the error of the two clock reads (~20 ns each) gives a
  // rate error of ~1e-5.
  const int64_t ns0 = monotonic_ns();
  const uint64_t t0 = __rdtsc();
  int64_t ns1;
  do ns1 = monotonic_ns();
  while (ns1 - ns0 < 5000000);
  const uint64_t t1 = __rdtsc();
  if (t1 <= t0) return;
  mult_ = static_cast<uint64_t>((static_cast<unsigned __int128>(ns1 - ns0) << 32) / (t1 - t0));
  tsc_ = true;
#endif
}

uint64_t TickClock::monotonic_ticks() noexcept { return static_cast<uint64_t>(monotonic_ns()); }

}  // namespace csptrace
