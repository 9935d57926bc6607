// co_await ch.put(v): the awaitable of a parking put. Yields false on a closed channel.
#pragma once

#include <csp/detail/channel_core.hpp>
#include <csp/detail/runtime_hooks.hpp>

#include <coroutine>
#include <csp/source_location.hpp>
#include <utility>

namespace csp {

template <class T>
class [[nodiscard]] PutOperation {
 public:
  PutOperation(detail::ChannelCore* ch, T value, csp::SourceLocation loc)
      : waiter_(detail::Waiter::Lazy{}, ch, loc), value_(std::move(value)) {}
  PutOperation(const PutOperation&) = delete;
  PutOperation& operator=(const PutOperation&) = delete;
  ~PutOperation() {
    if (waiter_.queued) waiter_.chan->cancel(&waiter_);  // only at shutdown
  }

  // A buffered channel usually has room: put without suspending (see TakeOperation).
  [[gnu::always_inline]] bool await_ready() {
    if (!waiter_.chan->has_buffer()) return false;
    detail::Process* p = detail::current_go_process();
    if (p == nullptr) return false;  // await_suspend reports the misuse
    if (!waiter_.chan->try_buffer_put(value_)) return false;
    status_ = detail::OpStatus::Done;
    return true;
  }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) {
    detail::Process& p = detail::process_for("put", waiter_.chan, waiter_.loc);
    p.resume_point = h;
    const detail::OpStatus st =
        waiter_.chan->put(&value_, &waiter_, {&p, waiter_.loc, detail::WaitMode::Park});
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
  // The channel and the line are kept in the waiter (waiter_.chan, waiter_.loc).
  detail::Waiter waiter_;
  detail::OpStatus status_ = detail::OpStatus::Waiting;  // until it completes at once
  T value_;
};

}  // namespace csp
