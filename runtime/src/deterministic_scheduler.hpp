// The deterministic scheduler: exactly one process runs at a time, the next one is chosen by a
// seeded generator among the runnable ones, and timers run on virtual time (advanced to the
// earliest deadline only when nothing is runnable). Same program + same seed = same events.
//
// Threads and main: one OS thread holds the "baton" at a time. Go processes run on the OS
// thread of whichever thread (or main) is currently blocked: its blocking operation drives
// the scheduler loop (block()). When the loop picks another thread, it hands the baton over
// (sets that thread's signal) and waits for its own; when it picks itself, its operation has
// completed and it returns. A thread that ends drives the loop until it hands the baton on.
// Go processes only run while main or a thread waits (like GOMAXPROCS=1 without preemption):
// a main that never blocks runs to its end first.
#pragma once

#include "scheduler.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

namespace csp::detail {

class Runtime;

class DeterministicScheduler final : public Scheduler {
 public:
  DeterministicScheduler(Runtime& rt, uint64_t seed) : rt_(rt), rng_{seed} {}
  ~DeterministicScheduler() override { stop(); }

  void spawn(Process& p) override { make_runnable(p); }
  void schedule(Process& p) override { make_runnable(p); }
  void unblock(Process& p) override { make_runnable(p); }
  Signal block(Process& self) override { return drive(self, false); }
  Signal thread_begin(Process& self) override { return wait_signal(self); }
  void thread_end(Process& self) override;
  void arm_timer(ChannelCore* ch, std::chrono::nanoseconds d) override;
  void stop() override;
  uint64_t random() override;

 private:
  void make_runnable(Process& p);
  Signal drive(Process& self, bool exiting);
  static Signal wait_signal(Process& self);

  Runtime& rt_;
  // Everything below is touched only by the baton holder; the mutex makes the handover visible
  // to tools (and guards against misuse from a thread the runtime does not know).
  std::mutex mu_;
  SplitMix64 rng_;
  std::vector<Process*> runnable_;
  std::map<std::pair<int64_t, uint64_t>, ChannelCore*> timers_;  // (virtual deadline, order)
  int64_t now_ns_ = 0;
  uint64_t timer_seq_ = 0;
};

}  // namespace csp::detail
