// co_await ch.put(v): the awaitable of a parking put. Yields false on a closed channel.
#pragma once

#include <csp/detail/channel_core.hpp>
#include <csp/detail/runtime_hooks.hpp>

#include <coroutine>
#include <source_location>
#include <utility>

namespace csp {

template <class T>
class [[nodiscard]] PutOperation {
 public:
  PutOperation(detail::ChannelCore* ch, T value, std::source_location loc)
      : ch_(ch), loc_(loc), value_(std::move(value)) {}
  PutOperation(const PutOperation&) = delete;
  PutOperation& operator=(const PutOperation&) = delete;
  ~PutOperation() {
    if (waiter_.queued) ch_->cancel(&waiter_);  // only at shutdown
  }

  // A buffered channel usually has room: put without suspending (see TakeOperation).
  [[gnu::always_inline]] bool await_ready() {
    if (!ch_->has_buffer()) return false;
    detail::Process* p = detail::current_go_process();
    if (p == nullptr) return false;  // await_suspend reports the misuse
    if (!ch_->try_buffer_put(value_)) return false;
    status_ = detail::OpStatus::Done;
    return true;
  }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) {
    detail::Process& p = detail::process_for("put", ch_, loc_);
    p.resume_point = h;
    waiter_.io = &value_;
    const detail::OpStatus st = ch_->put(&value_, &waiter_, {&p, loc_, detail::WaitMode::Park});
    // Waiting: the partner may already have resumed (even finished) this frame on another
    // worker, so nothing in the frame is written after that.
    if (st == detail::OpStatus::Waiting) return detail::next_after_park();
    status_ = st;
    return h;
  }
  bool await_resume() const noexcept {
    if (status_ == detail::OpStatus::Waiting) return waiter_.result == detail::WaitResult::Done;
    return status_ == detail::OpStatus::Done;
  }

 private:
  detail::ChannelCore* ch_;
  std::source_location loc_;
  detail::Waiter waiter_{detail::Waiter::Lazy{}};
  detail::OpStatus status_ = detail::OpStatus::Waiting;  // until it completes at once
  T value_;
};

}  // namespace csp
