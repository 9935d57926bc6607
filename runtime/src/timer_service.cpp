#include "timer_service.hpp"

#include "runtime.hpp"

namespace csp::detail {

void TimerService::arm(ChannelCore* ch, std::chrono::nanoseconds d) {
  std::lock_guard lk(mu_);
  if (stopping_) {
    ch->release();
    return;
  }
  queue_.push(Entry{std::chrono::steady_clock::now() + d, next_seq_++, ch});
  if (!thread_.joinable()) thread_ = std::thread([this] { loop(); });
  cv_.notify_one();
}

void TimerService::loop() {
  std::unique_lock lk(mu_);
  while (!stopping_) {
    if (queue_.empty()) {
      cv_.wait(lk);
      continue;
    }
    const Entry top = queue_.top();
    if (std::chrono::steady_clock::now() < top.deadline) {
      cv_.wait_until(lk, top.deadline);
      continue;
    }
    queue_.pop();
    lk.unlock();
    top.ch->fire_timer();
    top.ch->release();
    rt_.activity_down();  // the armed timer no longer keeps the run alive
    lk.lock();
  }
}

void TimerService::stop() {
  {
    std::lock_guard lk(mu_);
    if (stopping_) return;
    stopping_ = true;
    cv_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
  std::lock_guard lk(mu_);
  while (!queue_.empty()) {
    queue_.top().ch->release();
    queue_.pop();
  }
}

}  // namespace csp::detail
