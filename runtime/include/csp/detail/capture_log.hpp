// Which channels a process holds from the start: the channel handles its callable captured. While
// the runtime moves a new process's callable into place (traced runs only), every Chan moved or
// copied on that thread notes its channel here; the runtime then records one `handle` event per
// channel, so the analysis knows who holds a channel instead of guessing from the spawn tree.
// Captures it cannot see: channels captured by reference, and channels inside containers whose
// move steals a buffer (std::vector<Chan<T>>); for those the analysis keeps its weaker rule.
#pragma once

#include <cstddef>

namespace csp::detail {

class ChannelCore;

struct CaptureLog {
  static constexpr std::size_t kMax = 64;  // more are not noted (the weaker rule covers them)
  ChannelCore* chans[kMax];
  std::size_t count = 0;
  void add(ChannelCore* c) noexcept {
    if (c == nullptr || count == kMax) return;
    for (std::size_t i = 0; i < count; ++i)
      if (chans[i] == c) return;
    chans[count++] = c;
  }
};

// The log being filled on this thread, or null (nearly always).
inline thread_local CaptureLog* tl_capture_log __attribute__((tls_model("initial-exec"))) = nullptr;

inline void note_capture(ChannelCore* c) noexcept {
  if (CaptureLog* log = tl_capture_log) [[unlikely]]
    log->add(c);
}

// Fills `log` (when not null) with the channels handled on this thread during its lifetime.
class CaptureScope {
 public:
  explicit CaptureScope(CaptureLog* log) noexcept : outer_(tl_capture_log) { tl_capture_log = log; }
  ~CaptureScope() { tl_capture_log = outer_; }
  CaptureScope(const CaptureScope&) = delete;
  CaptureScope& operator=(const CaptureScope&) = delete;

 private:
  CaptureLog* outer_;
};

}  // namespace csp::detail
