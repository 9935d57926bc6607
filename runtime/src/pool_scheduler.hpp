// The multi-threaded scheduler: N workers (default one per core), each with a local FIFO and a
// "run next" slot, plus a global FIFO for wakes from outside the pool.
//
// A process woken by a worker goes to that worker's run-next slot and runs as soon as the
// waker parks (an unbuffered ping-pong stays on one worker, no other worker is disturbed).
// New processes go to the local FIFO, where idle workers may steal them. Idle workers spin
// briefly, then sleep on a condition variable; `epoch_` + `sleepers_` avoid lost wake-ups.
// At most one wake-up is in flight (`waking_`): a worker that steals and leaves more behind
// passes it on, so a chain of wakes costs one futex call per sleeping worker, not one per
// runnable process (a 100-stage pipeline made ~185 000 futex calls per run before).
// A woken process that displaces the run-next one wakes nobody: the displaced process waits in
// the local queue for this worker (or a spinning one). Waking the other worker for it moved
// fan-in and select workloads across cores on every message (2-3x slower than one worker).
// So that parallel work is not stranded, a sleeping worker looks again after kIdleRecheck
// (1 ms, doubling to 16 ms while it finds nothing) and steals from a worker that has started
// no process since its last look (one long step holds it while its queue waits).
// Not stolen: processes queued behind a worker that keeps switching among short steps, which
// is where a single worker outruns two.
// A parking process hands its worker straight to the run-next process (symmetric transfer,
// no trip through the loop), at most kMaxStreak times in a row: then the run-next process
// goes to the back of the local queue, so a ping-pong pair cannot starve the others.
// The run-next slot is not stealable: a process that wakes another and then computes for a
// long time without parking delays it (there is no preemption).
#pragma once

#include "scheduler.hpp"
#include "timer_service.hpp"

#include <csp/detail/spin_lock.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace csp::detail {

class Runtime;

class PoolScheduler final : public Scheduler {
 public:
  PoolScheduler(Runtime& rt, unsigned workers, uint64_t seed);
  ~PoolScheduler() override;

  void spawn(Process& p) override;
  void schedule(Process& p) override;
  void yield(Process& p) override;
  // An OS thread of its own: the OS scheduler decides.
  Signal yield_thread(Process&) override {
    std::this_thread::yield();
    return Signal::Run;
  }
  void unblock(Process& p) override;
  Signal block(Process& self) override;
  Signal thread_begin(Process&) override { return Signal::Run; }
  void thread_end(Process&) override {}
  void arm_timer(ChannelCore* ch, std::chrono::nanoseconds d) override { timers_.arm(ch, d); }
  void stop() override;
  uint64_t random() override;

 private:
  // An intrusive FIFO of processes (through Process::run_link) under a spin lock.
  struct RunQueue {
    SpinLock mu;
    Process* head = nullptr;  // guarded by mu
    Process* tail = nullptr;  // guarded by mu
    std::atomic<std::size_t> size{0};
    void push(Process* p);
    Process* pop();
  };
  struct Worker {
    RunQueue local;
    Process* run_next = nullptr;   // touched only by this worker's thread
    int streak = 0;                // run-next hand-offs in a row (see next_after_park)
    int64_t pending_activity = 0;  // decrements not yet published (Runtime::tl_activity)
    // Processes started so far; written by this worker only, read by idle ones to tell a worker
    // stuck in one long step (steal from it) from one busy with many short ones (leave it).
    std::atomic<uint32_t> switches{0};
    std::vector<uint32_t> seen_switches;  // this worker's last look at the others' `switches`
    std::thread thread;
  };
  friend std::coroutine_handle<> next_after_park() noexcept;

  void worker_loop(unsigned index);
  Process* find_work(Worker& self, unsigned index);
  // After an idle re-check: a process queued on a worker that started nothing since the last look.
  Process* steal_from_stuck(Worker& self, unsigned index);
  void run(Process* p);
  void notify_sleeper();

  static constexpr int kMaxStreak = 64;
  static constexpr std::chrono::milliseconds kIdleRecheck{1};
  static constexpr std::chrono::milliseconds kIdleRecheckMax{16};

  Runtime& rt_;
  uint64_t seed_;
  std::vector<std::unique_ptr<Worker>> workers_;
  RunQueue global_;
  std::mutex idle_mu_;
  std::condition_variable idle_cv_;
  std::atomic<int> sleepers_{0};
  // A sleeper is being woken (notified, not yet running): further notifies are skipped.
  std::atomic<bool> waking_{false};
  std::atomic<uint64_t> epoch_{0};
  std::atomic<bool> stop_{false};
  TimerService timers_;
};

}  // namespace csp::detail
