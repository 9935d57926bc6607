#include "deterministic_scheduler.hpp"

#include "runtime.hpp"

namespace csp::detail {

void DeterministicScheduler::make_runnable(Process& p) {
  std::lock_guard lk(mu_);
  runnable_.push_back(&p);
}

void DeterministicScheduler::yield(Process& p) {
  std::lock_guard lk(mu_);
  // Behind those runnable now and those that yielded before it.
  yielded_.push_back({&p, picks_ + runnable_.size() + yielded_.size()});
}

uint64_t DeterministicScheduler::random() {
  std::lock_guard lk(mu_);
  return rng_.next();
}

void DeterministicScheduler::arm_timer(ChannelCore* ch, std::chrono::nanoseconds d) {
  std::lock_guard lk(mu_);
  timers_.emplace(TimerKey{now_ns_ + std::max<int64_t>(0, d.count()), timer_seq_++}, ch);
}

void DeterministicScheduler::stop() {
  std::lock_guard lk(mu_);
  for (auto& [key, ch] : timers_) ch->release();
  timers_.clear();
  runnable_.clear();
  yielded_.clear();
}

std::size_t DeterministicScheduler::choose_guard(Process& p, uint32_t alt,
                                                 std::span<const uint32_t> guards) {
  std::lock_guard lk(mu_);
  const std::size_t i = strategy_->pick_guard(p, alt, guards);
  record_decision(csptrace::Decision::Guard, static_cast<uint32_t>(guards.size()), &p, nullptr,
                  static_cast<int32_t>(guards[i]), alt);
  return i;
}

void DeterministicScheduler::record_decision(csptrace::Decision kind, uint32_t options,
                                             const Process* proc, const ChannelCore* chan,
                                             int32_t index, uint32_t alt) {
  csptrace::Recorder* rec = rt_.rec;
  if (rec == nullptr) return;
  csptrace::Event e(csptrace::EventKind::Decide);
  e.with_decision(kind).with_options(options);
  if (proc) e.with_proc(proc->id);
  if (chan) e.with_chan(chan->id());
  if (kind == csptrace::Decision::Guard) e.with_index(index).with_alt(alt);
  rec->record(e);
}

ChannelCore* DeterministicScheduler::take_timer_locked(uint32_t run_options) {
  auto first = timers_.begin();
  const int64_t deadline = first->first.first;
  std::vector<csptrace::ChanId> due;
  for (auto it = first; it != timers_.end() && it->first.first == deadline; ++it)
    due.push_back(it->second->id());
  auto chosen = first;
  if (due.size() > 1) std::advance(chosen, static_cast<std::ptrdiff_t>(strategy_->pick_timer(due)));
  ChannelCore* timer = chosen->second;
  // Recorded in the order the strategy was asked: the run decision, then which timer.
  record_decision(csptrace::Decision::Run, run_options, nullptr, timer);
  if (due.size() > 1)
    record_decision(csptrace::Decision::Timer, static_cast<uint32_t>(due.size()), nullptr, timer);
  now_ns_ = deadline;
  timers_.erase(chosen);
  return timer;
}

void DeterministicScheduler::pick_locked(Process*& next, ChannelCore*& timer) {
  // Yielded processes whose turn has come rejoin, oldest first; all of them when nothing else
  // is runnable (a yield never makes a process wait for a timer).
  const bool idle = runnable_.empty();
  std::size_t back = 0;
  for (const Yielded& y : yielded_) {
    if (y.after <= picks_ || idle) {
      runnable_.push_back(y.p);
    } else {
      yielded_[back++] = y;
    }
  }
  yielded_.resize(back);
  if (!runnable_.empty()) {
    const bool offer_timer = !timers_.empty() && strategy_->races_timers();
    const auto n = static_cast<uint32_t>(runnable_.size() + (offer_timer ? 1 : 0));
    const std::size_t i = strategy_->pick_run(runnable_, offer_timer);
    if (i >= runnable_.size()) {  // a timer fires first
      timer = take_timer_locked(n);
      return;
    }
    next = runnable_[i];
    runnable_[i] = runnable_.back();
    runnable_.pop_back();
    ++picks_;
    record_decision(csptrace::Decision::Run, n, next, nullptr);
    return;
  }
  if (!timers_.empty()) {
    strategy_->forced_timer();
    timer = take_timer_locked(1);
  }
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
    if (std::optional<std::string> why = strategy_->diverged()) {
      rt_.halt(csptrace::EndReason::Diverged, *why);
      continue;  // our own signal now says the run is over
    }
    Process* next = nullptr;
    ChannelCore* timer = nullptr;
    {
      std::lock_guard lk(mu_);
      pick_locked(next, timer);
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
