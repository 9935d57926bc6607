// The channel machinery, written once over type-erased values (ValueOps); Chan<T> is a typed
// handle on it.
//
// Invariants (all under `mu_`):
//  - at most one of `puts_` and `takes_` holds live waiters (a stale alt waiter, whose alt
//    completed elsewhere, may linger until someone passes it; it is skipped and unlinked);
//  - takers wait only while the buffer is empty; putters wait only while it is full (fixed) or
//    the channel is unbuffered;
//  - once `closed_`, no waiter is added to `takes_` and no new put is accepted; waiting putters
//    stay (core.async) and later takers receive their values;
//  - on traced runs, each buffered value is stored with the id of the process that put it (for
//    `transfer`; untraced, the buffered fast path leaves `from_` alone and nothing reads it);
//  - a channel with a transform (a buffered one) runs every accepted put through it; waiting
//    putters hold untransformed values; the transform's overflow (an expanding step past a
//    full fixed buffer) is non-empty only while the buffer is full, and its values are older
//    than none of the buffer's (channel_transform.cpp).
//
// Lock contract: every public operation takes `mu_` itself, records its trace events while
// holding it (so the trace order of one channel is its real order) and wakes partners before
// releasing it (a transfer is always recorded before the wake it causes). The `_locked`
// functions are for alts, which lock several channels in address order first.
#pragma once

#include <csp/buffer_spec.hpp>
#include <csp/detail/channel_transform.hpp>
#include <csp/detail/spin_lock.hpp>
#include <csp/detail/value_ops.hpp>
#include <csp/detail/waiter.hpp>

#include <csptrace/event.hpp>

#include <csptrace/schema.hpp>

#include <atomic>
#include <chrono>
#include <csp/source_location.hpp>
#include <cstdint>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <string_view>

namespace csp::detail {

class Runtime;
class Process;
class ChannelTrace;

enum class OpStatus : uint8_t {
  Done,       // completed (a put was accepted, a take got a value)
  Closed,     // the channel is closed (put refused; take found it drained)
  Waiting,    // the waiter was queued; the caller must park / block until woken
  WouldWait,  // no wait allowed (offer / poll) and the operation could not complete now
};

enum class WaitMode : uint8_t { None, Park, Block };

struct OpContext {
  Process* proc;
  csp::SourceLocation loc;
  WaitMode mode;
};

class ChannelCore {
 public:
  // Creates a channel (refcount 1) in the current run and records chan_make.
  // Timer channels pass their duration (recorded in chan_make).
  // `result_of`: the process whose result this channel carries (go / thread), recorded as the
  // chan_make's partner so that readers need not guess it from names.
  // `xform` (fixed, dropping or sliding buffers only): the transform every put goes through;
  // the channel owns it (and deletes it, even when make throws).
  static ChannelCore* make(const ValueOps& ops, csptrace::BufferKind kind, std::size_t capacity,
                           std::string_view name, csp::SourceLocation loc, int64_t timer_ns = -1,
                           const Process* result_of = nullptr, ChannelTransform* xform = nullptr);

  // A result channel (buffer 1) and the process whose result it carries, in one allocation:
  // the channel first (so that its last release() frees the block), then `process_size` bytes
  // for the process at `process` (at extra_offset(process_align) from the block), then the
  // channel's buffer. The process is constructed and registered first (spawn is recorded
  // before chan_make), then make_result builds the channel at the block's front.
  struct ResultBlock {
    void* block;
    void* process;
    std::size_t process_size, process_align;
    std::size_t align;  // the block's
  };
  static ResultBlock allocate_result_block(const ValueOps& ops, std::size_t process_size,
                                           std::size_t process_align);
  // Frees a block whose channel was never made (constructing the process failed).
  static void free_result_block(const ResultBlock& b) noexcept;
  // Makes the channel (refcount 1) of block `b`: named "result of " + of.name(), which the
  // runtime keeps for the whole program (so the channel stores only a pointer to it); records
  // chan_make with `of` as partner. The block lives until the channel's last release().
  static ChannelCore* make_result(const ResultBlock& b, const ValueOps& ops, const Process& of,
                                  csp::SourceLocation loc);
  // Where a result block's process starts, from the block (and so from the channel).
  static constexpr std::size_t extra_offset(std::size_t extra_align) {
    return (sizeof(ChannelCore) + extra_align - 1) / extra_align * extra_align;
  }
  ChannelCore(const ChannelCore&) = delete;
  ChannelCore& operator=(const ChannelCore&) = delete;

  void retain() noexcept { refs_.fetch_add(1, std::memory_order_relaxed); }
  void release() noexcept {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) destroy(this);
  }

  // put: moves *src into the channel (or into a taker); take: fills the std::optional<T> at dst.
  // With ctx.mode Park/Block and no immediate completion, `w` (made with Waiter::Lazy for this
  // channel and ctx.loc) is queued and Waiting returned; the partner that completes it sets
  // w->result and wakes ctx.proc.
  // Throws ChannelError when the pending-operation cap is reached.
  OpStatus put(void* src, Waiter* w, const OpContext& ctx);
  OpStatus take(void* dst, Waiter* w, const OpContext& ctx);
  // The awaiters' inline fast paths: a buffered put with room and no taker waiting, a buffered
  // take with a value and no putter waiting, on an untraced channel (fixed, dropping or sliding
  // buffer). Nothing to wake and nothing to record, so they are a lock, a move and a count.
  // False (nothing changed) when the general put()/take() must decide. T is the value type.
  // Inlined into the awaiters: a buffered message is little more than these two calls.
  template <class T>
  [[gnu::always_inline]] bool try_buffer_put(T& v) {
    std::lock_guard lk(mu_);
    if (!plain_buffer_ || count_ >= cap_ || closed_ || !takes_.empty()) return false;
    const std::size_t i = wrap(head_ + count_);
    ::new (storage_ + i * sizeof(T)) T(std::move(v));
    ++count_;  // from_[i] is left alone: it is only read for the trace, and this one is untraced
    return true;
  }
  template <class T>
  [[gnu::always_inline]] bool try_buffer_take(std::optional<T>& out) {
    std::lock_guard lk(mu_);
    if (!plain_buffer_ || count_ == 0 || !puts_.empty()) return false;
    T* head = std::launder(reinterpret_cast<T*>(storage_ + head_ * sizeof(T)));
    out.emplace(std::move(*head));
    head->~T();
    head_ = wrap(head_ + 1);
    --count_;
    return true;
  }

  // Idempotent. proc null: closed by the runtime (a timer).
  void close(Process* closer, csp::SourceLocation loc);
  // Unlinks w if it is still queued (a parked frame destroyed at shutdown, a released thread).
  void cancel(Waiter* w) noexcept;

  csptrace::ChanId id() const noexcept { return id_; }
  // Built on demand (the channel keeps only a pointer to its characters): for messages and
  // the trace, not for hot paths.
  std::string name() const;
  csptrace::BufferKind kind() const noexcept { return kind_; }
  uint32_t capacity() const noexcept { return cap_; }
  Runtime& runtime() const noexcept { return rt_; }
  bool closed() noexcept;
  // The number of values buffered now (Go's len; a promise: 1 once it has its value). Takes
  // mu_: a snapshot, stale as soon as it returns.
  uint32_t size() noexcept;
  // Whether it has a buffer (fixed, dropping, sliding, promise): puts and takes on it often
  // complete without waiting, so the awaiters try them before suspending.
  bool has_buffer() const noexcept { return cap_ > 0; }

  // ---- for alts and timers: the caller holds mu_ (lock()/unlock()) -------------------------
  void lock() noexcept { mu_.lock(); }
  void unlock() noexcept { mu_.unlock(); }
  // Could the operation complete at once (a closed channel completes a put with false)?
  bool ready_locked(csptrace::WaitOp op) noexcept;
  // Completes the operation now if it can (Done / Closed), else WouldWait: a waiter that
  // looked ready may have been claimed through another channel of its alt meanwhile.
  OpStatus try_put_locked(void* src, const OpContext& ctx);
  OpStatus try_take_locked(void* dst, const OpContext& ctx);
  // Queues an alt guard's waiter; throws ChannelError at the cap.
  void enqueue_locked(Waiter* w, csptrace::WaitOp op, const OpContext& ctx);
  void cancel_locked(Waiter* w) noexcept;
  // Timer channels: records timer_fire, then closes.
  void fire_timer();
  // ---- for dumps (state_cut.cpp) --------------------------------------------------------------
  // Takes a reference unless the last one is gone (the channel is being freed): false then.
  bool try_retain() noexcept {
    uint32_t n = refs_.load(std::memory_order_relaxed);
    while (n != 0)
      if (refs_.compare_exchange_weak(n, n + 1, std::memory_order_acquire)) return true;
    return false;
  }
  bool try_lock() noexcept { return mu_.try_lock(); }
  // The caller holds mu_ for the rest of this group.
  bool closed_locked() const noexcept { return closed_; }
  // Buffered values, oldest first (a promise: its value once it has one). A transform's
  // overflow (values past a full buffer) is not among them.
  uint32_t buffered_locked() const noexcept { return count_; }
  Preview describe_buffered_locked(std::size_t i) const { return describe(slot(i)); }
  // Who put buffered value i; kept only when the channel is traced (else meaningless).
  csptrace::ProcId buffered_from_locked(std::size_t i) const noexcept {
    return from_ ? from_[wrap(head_ + i)] : 0;
  }
  // f(waiter) for every live waiter, the putters' queue first, each in queue order.
  template <class F>
  void for_each_waiter_locked(F&& f) const {
    for (const WaitQueue* q : {&puts_, &takes_})
      for (const Waiter* w = q->front(); w; w = w->next)
        if (w->live()) f(*w);
  }
  // A waiting put's value (the transform's input type on a channel with one).
  Preview describe_put(const void* value) const;

  // Trace previews of a value of this channel / of the value in a std::optional of it.
  // Only called while tracing.
  csptrace::Value preview(const void* value) const;
  csptrace::Value preview_taken(const void* optional) const;
  // A put's value: the buffer's type, or the transform's input type.
  csptrace::Value preview_put(const void* value) const;

 private:
  // How name_ reads: the characters themselves, or the process name a result channel is of.
  enum class NameForm : uint8_t { Plain, ResultOf, Numbered };

  // One allocation holds the ChannelCore, then its buffer (cap_ slots), the slots' `from_`
  // ids, a plain name's characters and, for a go process's result channel, the process;
  // `storage_` and `from_` point into it.
  struct Layout;
  static Layout layout(const ValueOps& ops, std::size_t capacity, std::size_t name_chars,
                       std::size_t extra_size, std::size_t extra_align);
  static void* allocate(const Layout& l);
  static void deallocate(void* block, std::size_t align) noexcept;
  static ChannelCore* construct(void* block, const Layout& l, Runtime& rt, const ValueOps& ops,
                                csptrace::BufferKind kind, std::size_t capacity,
                                std::string_view name, const char* kept_name, NameForm form,
                                ChannelTransform* xform = nullptr);
  static void destroy(ChannelCore* ch) noexcept;
  void record_make(csp::SourceLocation loc, int64_t timer_ns, const Process* result_of);
  ChannelCore(Runtime& rt, const ValueOps& ops, csptrace::BufferKind kind, uint32_t capacity,
              uint32_t stride, const char* name, NameForm form, uint8_t align_log2, bool has_xform);
  ~ChannelCore();

  // Everything below requires mu_ unless it says otherwise.

  // i < 2 * cap_: a compare instead of a division on every buffered put and take.
  std::size_t wrap(std::size_t i) const noexcept { return i >= cap_ ? i - cap_ : i; }
  // The i-th buffered value, oldest first.
  void* slot(std::size_t i) const noexcept { return storage_ + wrap(head_ + i) * stride_; }
  Waiter* first_live(WaitQueue& q) noexcept;  // unlinks stale waiters it passes
  // First live waiter, claimed and unlinked (null when there is none). The empty test is
  // inline: a rendezvous looks at the other side's empty queue on every first arrival.
  Waiter* claim_first(WaitQueue& q) noexcept { return q.empty() ? nullptr : claim_first_of(q); }
  Waiter* claim_first_of(WaitQueue& q) noexcept;
  void push_buffer(void* src, csptrace::ProcId from);
  void pop_buffer_into(void* dst);
  void drop_oldest();  // count_ > 0
  // Called when a queue is at the cap: drops stale waiters, throws if still full.
  void check_cap(WaitQueue& q, csptrace::WaitOp op, const OpContext& ctx);
  // The rules of channel_core.cpp, one each.
  bool hand_to_taker(void* src, Process& p, const ChannelTrace& tr);
  bool take_from_putter(void* dst, Process& p, const ChannelTrace& tr);
  OpStatus put_promise(void* src, Process& p, const ChannelTrace& tr);
  void take_buffered(void* dst, Process& p, const ChannelTrace& tr);
  // The transform's rules (channel_transform.cpp).
  class TransformedValues;
  ChannelTransform* xform() const noexcept;
  OpStatus put_transformed(void* src, Process& p, const ChannelTrace& tr, csp::SourceLocation loc);
  void refill_from_overflow() noexcept;
  void admit_transformed_putters(Process& p, const ChannelTrace& tr);
  void complete_transform(Process* closer, const ChannelTrace& tr);
  void abort_transformed(Process& p, const ChannelTrace& tr, csp::SourceLocation loc);
  void close_locked(Process* closer, csp::SourceLocation loc);
  OpStatus wait_locked(Waiter* w, void* io, csptrace::WaitOp op, const OpContext& ctx);
  // Sets the waiter's result and wakes its process (an alt: after recording its alt_choice).
  // `w` belongs to the woken process: it is not touched after the wake. `cause` (traced runs):
  // the event that completed it, recorded with the wake as one pair (record_pair), or, for an
  // alt, just before the pair of alt_choice and wake.
  void complete(Waiter* w, WaitResult r, Process* partner, const ChannelTrace& tr,
                std::optional<csptrace::Event> cause);
  // What this channel records (does nothing on an untraced run). Any lock state.
  ChannelTrace trace() const noexcept;
  // A value of this channel as a preview (the number of an integer, else Describe<T>).
  Preview describe(const void* value) const;

  // Members ordered to keep the channel small (a result channel per go process; see
  // docs/runtime.md, Performance): 112 bytes before the trailing buffer; head_ and count_ sit
  // in the queues' tail padding.
  Runtime& rt_;
  const ValueOps& ops_;
  // Plain: NUL-terminated, in this channel's allocation. ResultOf: the process's name, kept by
  // the runtime for the whole program. Numbered: null ("chan-ID").
  const char* const name_;
  std::atomic<uint32_t> refs_{1};
  const csptrace::ChanId id_;
  const uint32_t cap_;     // buffer capacity; 0 when unbuffered (and for timers)
  const uint32_t stride_;  // bytes per buffer slot (sizeof the value type)
  const csptrace::BufferKind kind_;
  const NameForm name_form_;
  const uint8_t align_log2_;  // the allocation's alignment, for freeing it
  // A fixed, dropping or sliding buffer without a transform on an untraced run:
  // try_buffer_put/take may be used.
  const bool plain_buffer_;
  // The transform's pointer is in the allocation's extra area (channels without one pay
  // nothing for it); see xform().
  const bool has_xform_;

  SpinLock mu_;
  // Guarded by mu_:
  bool closed_ = false;
  // Written once by make (before the channel is shared): it is in the ChannelRegistry.
  bool registered_ = false;
  [[no_unique_address]] WaitQueue puts_;
  uint32_t head_ = 0;
  [[no_unique_address]] WaitQueue takes_;
  uint32_t count_ = 0;
  unsigned char* storage_ = nullptr;  // cap_ slots of the value type (trailing; null if cap_ 0)
  csptrace::ProcId* from_ = nullptr;  // who put each slot's value (trailing; null if cap_ 0)
};

}  // namespace csp::detail
