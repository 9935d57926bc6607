// The type-erased part of an alts: one slot per guard, the shared commit state, the options.
// alts.hpp builds it over typed guards; runtime/src/alt_call.cpp runs it.
#pragma once

#include <csp/detail/channel_core.hpp>
#include <csp/detail/waiter.hpp>

#include <csptrace/schema.hpp>

#include <coroutine>
#include <csp/source_location.hpp>
#include <cstddef>

namespace csp::detail {

struct AltSlot {
  ChannelCore* chan = nullptr;
  csptrace::WaitOp op = csptrace::WaitOp::Take;
  void* io = nullptr;  // put: the T to move from; take: the std::optional<T> to fill
  Waiter waiter;       // queued while the alt waits; its result says how the guard completed
};

struct AltCall {
  AltSlot* slots = nullptr;
  std::size_t count = 0;
  bool priority = false;     // try ready guards in listed order instead of a seeded random one
  bool has_default = false;  // return at once (index -1) when no guard is ready
  csp::SourceLocation loc{};
  AltState state;
  int32_t chosen = -1;  // the winning guard (-1: the default), valid once the alt completed

  // Offers the alt: records alt_offer and the guards, completes a ready guard (or the default)
  // and returns true, or queues a waiter on every guard's channel, records the wait and returns
  // false; the caller then parks / blocks until a partner completes one guard.
  // Throws ChannelError at a channel's pending-operation cap.
  bool begin(Process& p, WaitMode mode);
  // After the wake: unlinks the waiters still queued and sets `chosen`.
  void end() noexcept;
  // Where a parking alt whose guards repeat a channel starts enqueueing (a scheduler decision).
  std::size_t park_start(Process& p);

  // The co_await path of a go process suspended at h: returns h to continue when the alt
  // completed at once, else the process to run next while it waits. `waiting` is set before
  // the waiters are published (after that the frame may run elsewhere) and cleared when the
  // alt completed at once; await_resume calls end() when it is still set.
  std::coroutine_handle<> suspend(Process& p, std::coroutine_handle<> h, bool& waiting);
  // The blocking path (threads, main): offers, waits, withdraws. Throws like
  // block_until_woken.
  void wait_blocking(Process& p);
};

}  // namespace csp::detail
