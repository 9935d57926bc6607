// The record of one waiting operation (Go's sudog). It lives inside the awaiter of the waiting
// process (or on the blocked thread's stack), so parking allocates nothing.
#pragma once

#include <atomic>
#include <csp/source_location.hpp>
#include <cstddef>
#include <cstdint>

namespace csp::detail {

class Process;
class ChannelCore;

// Shared by every guard of one parked alt: the first partner to win `done` completes the alt
// (core.async's handler commit). `won` is written by that partner under its channel's lock,
// before it wakes the process.
struct AltState {
  std::atomic<bool> done{false};
  int32_t won = -1;
  uint32_t number = 0;      // the alt's number within its process (trace field `alt`)
  Process* proc = nullptr;  // the process running the alt
};

enum class WaitResult : uint8_t { Pending, Done, Closed };

// 56 bytes: it sits in the coroutine frame of every parked process, so the waiting process and
// the alt share one tagged word, and the operation's channel and line live here only (the
// awaiters and the deadlock report read them from the waiter).
struct Waiter {
  Waiter() noexcept
      : next(nullptr),
        prev(nullptr),
        io(nullptr),
        chan(nullptr),
        loc(),
        queued(false),
        on_puts(false),
        result(WaitResult::Pending),
        index(0),
        owner_(0) {}
  // For a parking operation's awaiter, which often completes without waiting: its channel and
  // line are set, and `queued`; ChannelCore::wait_locked fills in the rest before the waiter is
  // queued.
  struct Lazy {};
  Waiter(Lazy, ChannelCore* c, csp::SourceLocation l) noexcept : chan(c), loc(l), queued(false) {}

  // Queue links and `queued`: guarded by the lock of the channel the waiter is queued on.
  Waiter* next;
  Waiter* prev;
  // put: the T to move from; take: the std::optional<T> to fill.
  void* io;
  ChannelCore* chan;        // where it is (or was) queued
  csp::SourceLocation loc;  // the operation's line (an alt guard: the alts' line)
  bool queued;
  bool on_puts;  // which queue of `chan`
  // Set by the partner that completes the operation, before the wake; read by the owner after.
  WaitResult result;
  int32_t index;  // guard index within an alt

  // The waiting process: a single operation's own, an alt guard's through its alt.
  Process* proc() const noexcept {
    return (owner_ & 1) ? alt()->proc : reinterpret_cast<Process*>(owner_);
  }
  // Null for a single operation.
  AltState* alt() const noexcept {
    return (owner_ & 1) ? reinterpret_cast<AltState*>(owner_ - 1) : nullptr;
  }
  void set_owner(Process* p) noexcept { owner_ = reinterpret_cast<uintptr_t>(p); }
  void set_owner(AltState* a) noexcept { owner_ = reinterpret_cast<uintptr_t>(a) | 1; }

  // Claims the waiter for completion. A single operation can always be completed; an alt's
  // guard only by the first partner. Call with the waiter's channel locked.
  bool claim() noexcept {
    AltState* a = alt();
    if (a == nullptr) return true;
    bool expected = false;
    if (!a->done.compare_exchange_strong(expected, true, std::memory_order_acq_rel)) return false;
    a->won = index;
    return true;
  }
  // Whether a partner could still complete it (an alt already completed elsewhere is stale).
  bool live() const noexcept {
    const AltState* a = alt();
    return a == nullptr || !a->done.load(std::memory_order_acquire);
  }

 private:
  uintptr_t owner_;  // Process* of a single operation, or AltState* | 1 (both 8-aligned)
};

// FIFO of waiters on one side of a channel, intrusive, guarded by the channel's lock.
// 20 bytes of data: a channel declares it [[no_unique_address]] and puts a 32-bit field in its
// tail padding (WaitQueue is not a POD, so the compiler may).
class WaitQueue {
 public:
  bool empty() const noexcept { return head_ == nullptr; }
  std::size_t size() const noexcept { return size_; }
  Waiter* front() const noexcept { return head_; }

  void push_back(Waiter* w) noexcept {
    w->next = nullptr;
    w->prev = tail_;
    if (tail_)
      tail_->next = w;
    else
      head_ = w;
    tail_ = w;
    w->queued = true;
    ++size_;
  }
  void remove(Waiter* w) noexcept {
    if (!w->queued) return;
    if (w->prev)
      w->prev->next = w->next;
    else
      head_ = w->next;
    if (w->next)
      w->next->prev = w->prev;
    else
      tail_ = w->prev;
    w->next = w->prev = nullptr;
    w->queued = false;
    --size_;
  }

 private:
  Waiter* head_ = nullptr;
  Waiter* tail_ = nullptr;
  uint32_t size_ = 0;  // a waiter is tens of bytes: 2^32 of them do not fit in memory
};

}  // namespace csp::detail
