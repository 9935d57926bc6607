// co_await ch.take(): the awaitable of a parking take.
#pragma once

#include <csp/detail/channel_core.hpp>
#include <csp/detail/runtime_hooks.hpp>

#include <coroutine>
#include <csp/source_location.hpp>
#include <optional>

namespace csp {

template <class T>
class [[nodiscard]] TakeOperation {
 public:
  TakeOperation(detail::ChannelCore* ch, csp::SourceLocation loc) noexcept
      : waiter_(detail::Waiter::Lazy{}, ch, loc) {}
  TakeOperation(const TakeOperation&) = delete;
  TakeOperation& operator=(const TakeOperation&) = delete;
  // A frame destroyed while parked (at shutdown) leaves no dangling waiter behind.
  ~TakeOperation() {
    if (waiter_.queued) waiter_.chan->cancel(&waiter_);  // only at shutdown
  }

  // A buffered channel usually has a value: take it without suspending. A rendezvous nearly
  // always waits for one side, so it goes straight to await_suspend.
  [[gnu::always_inline]] bool await_ready() {
    if (!waiter_.chan->has_buffer()) return false;
    detail::Process* p = detail::current_go_process();
    if (p == nullptr) return false;  // await_suspend reports the misuse
    return waiter_.chan->try_buffer_take(result_);
  }
  // Completes at once when it can (resumes h); otherwise parks.
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) {
    detail::Process& p = detail::process_for("take", waiter_.chan, waiter_.loc);
    p.resume_point = h;
    // After Waiting is returned the partner may already have resumed this frame elsewhere:
    // nothing here touches the frame afterwards.
    if (waiter_.chan->take(&result_, &waiter_, {&p, waiter_.loc, detail::WaitMode::Park}) ==
        detail::OpStatus::Waiting)
      return detail::next_after_park();
    return h;  // completed at once: continue
  }
  // Member by member, not a copy of the whole optional: the buffered fast path has just filled
  // result_ with narrow stores, and a copy loads it with one 16-byte load that cannot be
  // forwarded from them (a store-forwarding stall that held half of a buffered take's time).
  std::optional<T> await_resume() noexcept(std::is_nothrow_move_constructible_v<T>) {
    if (result_.has_value()) return std::optional<T>(std::move(*result_));
    return std::nullopt;
  }

 private:
  // The channel and the line are kept in the waiter (waiter_.chan, waiter_.loc).
  detail::Waiter waiter_;
  std::optional<T> result_;
};

}  // namespace csp
