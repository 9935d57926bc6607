#include "waker.hpp"

namespace cspview {

std::optional<size_t> waker_of(const csptrace::TraceModel& m, size_t event, size_t limit) {
  if (event >= m.size()) return std::nullopt;
  const auto k = m.kind(event);
  if (k != csptrace::EventKind::Resume && k != csptrace::EventKind::Unblock) return std::nullopt;
  const uint32_t waker = m.partner_index(event);
  const uint32_t woken = m.proc_index(event);
  const uint32_t chan = m.chan_index(event);
  // The protocol records the cause (transfer, close, alt choice, buffer put) before the wake;
  // the nearest earlier event of the waker on the same channel is it.
  for (size_t i = event; i-- > 0 && event - i <= limit;) {
    const bool by_waker = waker != csptrace::kNone &&
                          (m.proc_index(i) == waker || m.from_index(i) == waker || m.to_index(i) == waker);
    const bool timer = waker == csptrace::kNone && m.kind(i) == csptrace::EventKind::TimerFire;
    const bool to_woken = m.to_index(i) == woken || m.proc_index(i) == woken;
    if ((by_waker || timer || (waker == csptrace::kNone && to_woken)) &&
        (chan == csptrace::kNone || m.chan_index(i) == chan))
      return i;
  }
  return std::nullopt;
}

}  // namespace cspview
