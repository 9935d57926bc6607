// What the runtime needs from a scheduler. Two implementations: PoolScheduler (worker threads,
// the default) and DeterministicScheduler (one runner at a time, seeded choices, virtual time).
#pragma once

#include <csp/detail/channel_core.hpp>
#include <csp/detail/process.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace csp::detail {

class Scheduler {
 public:
  virtual ~Scheduler() = default;

  // A new process (go, or a thread under the deterministic scheduler) may run. Any thread.
  virtual void spawn(Process& p) = 0;
  // A parked go process was woken. Any thread; called with a channel lock held, so it never
  // takes a channel lock.
  virtual void schedule(Process& p) = 0;
  // The running go process `p` yields (co_await csp::yield(); p.resume_point is set and its
  // frame suspended): it goes behind the processes runnable now and stays runnable (no wait,
  // no activity change). Called on the process's own worker (the baton holder), no lock held.
  virtual void yield(Process& p) = 0;
  // The calling thread (or main) yields (csp::yield_blocking()): returns when it may go on
  // (Run), or how the run ended meanwhile (Deadlock, Shutdown).
  virtual Signal yield_thread(Process& self) = 0;
  // A blocked thread (or main) was released from its channel operation: it may continue.
  virtual void unblock(Process& p) = 0;
  // The calling thread's process waits until released; returns how (Run, Deadlock, Shutdown).
  virtual Signal block(Process& self) = 0;
  // A csp::thread's OS thread starts: returns when it may run its body (Run) or must not
  // (Shutdown, Deadlock).
  virtual Signal thread_begin(Process& self) = 0;
  // A csp::thread's body ended (the process is already unregistered): hand over.
  virtual void thread_end(Process& self) = 0;
  // Arms a timer: `ch` (retained by the caller for the scheduler) fires after d.
  virtual void arm_timer(ChannelCore* ch, std::chrono::nanoseconds d) = 0;
  // Main finished: stop running processes and timers; returns once no worker runs any.
  virtual void stop() = 0;
  // Random bits (seeded in the deterministic scheduler); not a recorded decision.
  virtual uint64_t random() = 0;
  // Which guard of p's alt number `alt` is tried first, among `guards` (their indices, never
  // empty): an index into `guards`. Called under the alt's channel locks. The deterministic
  // scheduler asks its strategy and records the decision; the pool draws at random.
  virtual std::size_t choose_guard(Process& p, uint32_t alt, std::span<const uint32_t> guards) {
    (void)p;
    (void)alt;
    return random() % guards.size();
  }
  // Adds the processes that are runnable (not waiting) as main returns, before stop(). The
  // pool does not know without a scan of its queues: it adds none.
  virtual void runnable_at_stop(std::vector<const Process*>& out) { (void)out; }
  // A replay that ended with recorded decisions unused: what to tell the user.
  virtual std::optional<std::string> replay_leftover() { return std::nullopt; }
};

// splitmix64: small, fast, good enough for choosing among ready guards and runnable processes.
struct SplitMix64 {
  uint64_t state;
  uint64_t next() noexcept {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
};

}  // namespace csp::detail
