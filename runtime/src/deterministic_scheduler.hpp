// The deterministic scheduler: exactly one process runs at a time, every choice (which runnable
// process runs next, which ready guard an alt tries first, which of several due timers fires,
// and, when the strategy races timers, whether a timer fires while processes can still run) is
// asked of one Strategy (schedule/strategy.hpp) and recorded as a `decide` event, and timers run
// on virtual time. Same program + same strategy = same events; a trace's decisions replay it.
//
// Threads and main: one OS thread holds the "baton" at a time. Go processes run on the OS
// thread of whichever thread (or main) is currently blocked: its blocking operation drives
// the scheduler loop (block()). When the loop picks another thread, it hands the baton over
// (sets that thread's signal) and waits for its own; when it picks itself, its operation has
// completed and it returns. A thread that ends drives the loop until it hands the baton on.
// Go processes only run while main or a thread waits (like GOMAXPROCS=1 without preemption):
// a main that never blocks runs to its end first.
#pragma once

#include "schedule/strategy.hpp"
#include "scheduler.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace csp::detail {

class Runtime;

class DeterministicScheduler final : public Scheduler {
 public:
  DeterministicScheduler(Runtime& rt, std::unique_ptr<Strategy> strategy, uint64_t seed)
      : rt_(rt), strategy_(std::move(strategy)), rng_{seed} {}
  ~DeterministicScheduler() override { stop(); }

  void spawn(Process& p) override { make_runnable(p); }
  void schedule(Process& p) override { make_runnable(p); }
  void unblock(Process& p) override { make_runnable(p); }
  void yield(Process& p) override;
  // Queued as a yielded process, then drives the loop until a run decision picks it.
  Signal yield_thread(Process& self) override {
    yield(self);
    return drive(self, false);
  }
  Signal block(Process& self) override { return drive(self, false); }
  Signal thread_begin(Process& self) override { return wait_signal(self); }
  void thread_end(Process& self) override;
  void arm_timer(ChannelCore* ch, std::chrono::nanoseconds d) override;
  void stop() override;
  uint64_t random() override;
  std::size_t choose_guard(Process& p, uint32_t alt, std::span<const uint32_t> guards) override;
  std::optional<std::string> replay_leftover() override { return strategy_->leftover(); }
  void runnable_at_stop(std::vector<const Process*>& out) override {
    std::lock_guard lk(mu_);
    out.insert(out.end(), runnable_.begin(), runnable_.end());
    for (const Yielded& y : yielded_) out.push_back(y.p);
  }

 private:
  using TimerKey = std::pair<int64_t, uint64_t>;  // (virtual deadline, order armed)
  void make_runnable(Process& p);
  Signal drive(Process& self, bool exiting);
  static Signal wait_signal(Process& self);
  // Under mu_: the next step, a process to run or a timer to fire (both null: nothing can run).
  void pick_locked(Process*& next, ChannelCore*& timer);
  // Under mu_: advances virtual time to the earliest deadline and removes one of the timers due
  // then (the strategy picks when several are), recording the run decision that let it fire.
  ChannelCore* take_timer_locked(uint32_t run_options);
  void record_decision(csptrace::Decision kind, uint32_t options, const Process* proc,
                       const ChannelCore* chan, int32_t index = -1, uint32_t alt = 0);

  Runtime& rt_;
  // Everything below is touched only by the baton holder; the mutex makes the handover visible
  // to tools (and guards against misuse from a thread the runtime does not know).
  std::mutex mu_;
  std::unique_ptr<Strategy> strategy_;
  SplitMix64 rng_;  // random(): draws that are not decisions
  std::vector<Process*> runnable_;
  // Processes that yielded, oldest first: each joins runnable_ once `picks_` reaches `after`
  // (as many process picks as there were runnable and yielded processes when it yielded), or
  // at once when nothing else can run. Until then no run decision offers it.
  struct Yielded {
    Process* p;
    uint64_t after;
  };
  std::vector<Yielded> yielded_;
  uint64_t picks_ = 0;  // processes picked to run so far
  std::map<TimerKey, ChannelCore*> timers_;
  int64_t now_ns_ = 0;
  uint64_t timer_seq_ = 0;
};

}  // namespace csp::detail
