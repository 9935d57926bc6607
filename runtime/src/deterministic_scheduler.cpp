#include "deterministic_scheduler.hpp"

#include "runtime.hpp"

namespace csp::detail {

void DeterministicScheduler::make_runnable(Process& p) {
  std::lock_guard lk(mu_);
  runnable_.push_back(&p);
}

uint64_t DeterministicScheduler::random() {
  std::lock_guard lk(mu_);
  return rng_.next();
}

void DeterministicScheduler::arm_timer(ChannelCore* ch, std::chrono::nanoseconds d) {
  std::lock_guard lk(mu_);
  timers_.emplace(std::make_pair(now_ns_ + std::max<int64_t>(0, d.count()), timer_seq_++), ch);
}

void DeterministicScheduler::stop() {
  std::lock_guard lk(mu_);
  for (auto& [key, ch] : timers_) ch->release();
  timers_.clear();
  runnable_.clear();
}

Signal DeterministicScheduler::wait_signal(Process& self) {
  uint32_t s;
  while ((s = self.signal.load(std::memory_order_acquire)) == 0)
    self.signal.wait(0, std::memory_order_acquire);
  self.signal.store(0, std::memory_order_relaxed);
  return static_cast<Signal>(s);
}

void DeterministicScheduler::thread_end(Process& self) {
  if (rt_.stopping() || rt_.deadlocked()) return;
  drive(self, true);
}

Signal DeterministicScheduler::drive(Process& self, bool exiting) {
  for (;;) {
    if (!exiting) {
      const uint32_t s = self.signal.load(std::memory_order_acquire);
      if (s != 0) {  // released by the deadlock report or the shutdown
        self.signal.store(0, std::memory_order_relaxed);
        return static_cast<Signal>(s);
      }
    }
    if (rt_.deadlocked() || rt_.stopping()) {
      if (exiting) return Signal::Run;
      return wait_signal(self);
    }
    Process* next = nullptr;
    ChannelCore* timer = nullptr;
    {
      std::lock_guard lk(mu_);
      if (!runnable_.empty()) {
        const std::size_t i = rng_.next() % runnable_.size();
        next = runnable_[i];
        runnable_[i] = runnable_.back();
        runnable_.pop_back();
      } else if (!timers_.empty()) {
        auto first = timers_.begin();
        now_ns_ = first->first.first;
        timer = first->second;
        timers_.erase(first);
      }
    }
    if (timer) {
      timer->fire_timer();
      timer->release();
      rt_.activity_down();
      continue;
    }
    if (next == nullptr) {  // nothing runnable, no timer: every process waits forever
      rt_.on_quiescent();
      if (exiting) return Signal::Run;
      continue;  // our own signal now says Deadlock
    }
    if (next->mode == csptrace::ProcMode::Go) {
      Process* outer = tl_current;
      tl_current = next;
      next->resume_point.resume();  // until it parks or ends
      tl_current = outer;
      continue;
    }
    if (next == &self) return Signal::Run;  // our operation completed
    next->signal.store(static_cast<uint32_t>(Signal::Run), std::memory_order_release);
    next->signal.notify_one();  // the baton passes to that thread
    if (exiting) return Signal::Run;
    return wait_signal(self);
  }
}

}  // namespace csp::detail
