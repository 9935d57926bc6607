// A test-and-test-and-set lock for the short critical sections of a channel: spins briefly,
// then yields the CPU so a preempted holder can finish (the machine may be oversubscribed).
#pragma once

#include <atomic>
#include <thread>

namespace csp::detail {

class SpinLock {
 public:
  void lock() noexcept {
    if (!held_.exchange(true, std::memory_order_acquire)) [[likely]]
      return;
    lock_contended();
  }
  bool try_lock() noexcept { return !held_.exchange(true, std::memory_order_acquire); }
  void unlock() noexcept { held_.store(false, std::memory_order_release); }

 private:
  // Out of line so that the uncontended lock() stays two instructions at every call site.
  [[gnu::noinline]] void lock_contended() noexcept {
    for (int spins = 0;; ++spins) {
      while (held_.load(std::memory_order_relaxed)) {
        if (++spins < 64) {
#if defined(__x86_64__) || defined(__i386__)
          __builtin_ia32_pause();
#endif
        } else {
          std::this_thread::yield();
        }
      }
      if (!held_.exchange(true, std::memory_order_acquire)) return;
    }
  }

  std::atomic<bool> held_{false};
};

}  // namespace csp::detail
