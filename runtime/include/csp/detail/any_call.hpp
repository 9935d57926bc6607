// The part of take_any and put_any that does not depend on the value type: one alt slot per
// channel of a run-time list, the AltCall that runs them, and the "still waiting" flag that
// says whether the waiters must be withdrawn. take_any.hpp and put_any.hpp add the typed
// channels and values and read the result from the winning slot.
#pragma once

#include <csp/detail/alt_call.hpp>
#include <csp/detail/channel_core.hpp>

#include <csptrace/schema.hpp>

#include <coroutine>
#include <csp/source_location.hpp>
#include <cstddef>
#include <vector>

namespace csp::detail {

class AnyCall {
 public:
  // `op` says whether every guard takes (take_any) or puts (put_any). Throws ChannelError
  // naming the call site when `count` is 0.
  AnyCall(csptrace::WaitOp op, std::size_t count, bool priority, bool has_default,
          csp::SourceLocation loc);
  AnyCall(const AnyCall&) = delete;
  AnyCall& operator=(const AnyCall&) = delete;
  ~AnyCall() {
    if (waiting_) call_.end();
  }

  // Binds guard i to `chan`, whose value moves through `io` (put: the T to move from; take:
  // the std::optional<T> to fill). A null chan (a null csp::Chan) throws ChannelError naming
  // the call site and the index. Every guard is bound before the call is awaited.
  void bind(std::size_t i, ChannelCore* chan, void* io);

  // The awaiter's steps: suspend offers the alt (and parks when no guard is ready), resume
  // withdraws the waiters still queued, block is the whole call on a thread or main.
  std::coroutine_handle<> suspend(std::coroutine_handle<> h);
  void resume() noexcept {
    if (waiting_) {
      waiting_ = false;
      call_.end();
    }
  }
  void block();

  // The winning guard (-1: the default), valid once the call completed.
  int chosen() const noexcept { return call_.chosen; }
  const AltSlot& slot(std::size_t i) const noexcept { return slots_[i]; }

 private:
  const char* name() const noexcept;

  csptrace::WaitOp op_;
  std::vector<AltSlot> slots_;  // sized once: call_.slots points into it
  csp::SourceLocation loc_;
  AltCall call_;
  bool waiting_ = false;
};

}  // namespace csp::detail
