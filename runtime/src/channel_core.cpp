// Channel operations, put and take: the rules of DESIGN §3 as core.async states them
// (impl/channels.clj), one rule per function. What each buffer does when it is full is
// buffer_policy.hpp; what each step records is channel_trace.hpp. Making and freeing channels is
// in channel_make.cpp, close and cancel in channel_close.cpp; channel_core.hpp has the
// invariants and the lock contract.
//
// A put, in order (try_put_locked):
//  1. on a closed channel it is refused;
//  2. a waiting taker (the buffer is then empty) gets the value at once (hand_to_taker); a
//     promise instead keeps the value and every waiting taker gets a copy (put_promise);
//  3. a buffer with room takes the value;
//  4. otherwise the buffer's policy decides: the put waits, or drops its value, or drops the
//     oldest one to make room.
// A take, in order (try_take_locked):
//  1. the oldest buffered value is taken (a promise's is copied), and the room it makes lets the
//     first waiting putter's value in (take_buffered);
//  2. a waiting putter hands its value over (take_from_putter), also on a closed channel:
//     parked puts are still delivered, as in core.async;
//  3. on a closed, drained channel it is refused;
//  4. otherwise it waits.
// Each private function requires mu_ unless it says otherwise.
#include <csp/detail/channel_core.hpp>

#include "buffer_policy.hpp"
#include "channel_trace.hpp"
#include "runtime.hpp"

#include <csp/errors.hpp>

#include <mutex>
#include <string>

namespace csp::detail {

using csptrace::BufferKind;
using csptrace::Via;
using csptrace::WaitOp;

bool ChannelCore::closed() noexcept {
  std::lock_guard lk(mu_);
  return closed_;
}

uint32_t ChannelCore::size() noexcept {
  std::lock_guard lk(mu_);
  if (has_xform_) [[unlikely]]
    return count_ + static_cast<uint32_t>(xform()->overflow_size());
  return count_;
}

Preview ChannelCore::describe(const void* value) const {
  if (ops_.integer_preview) return Preview::integer(ops_.integer_preview(value));
  return ops_.preview(value);
}

Preview ChannelCore::describe_put(const void* value) const {
  if (has_xform_) [[unlikely]]
    return xform()->preview_input(value);
  return describe(value);
}

csptrace::Value ChannelCore::preview(const void* value) const {
  if (ops_.integer_preview) return csptrace::Value::integer(ops_.integer_preview(value));
  return rt_.value_of(ops_.preview(value));
}

csptrace::Value ChannelCore::preview_put(const void* value) const {
  if (has_xform_) [[unlikely]]
    return rt_.value_of(xform()->preview_input(value));
  return preview(value);
}

csptrace::Value ChannelCore::preview_taken(const void* optional) const {
  const void* v = ops_.optional_value(optional);
  return v ? preview(v) : csptrace::Value{};
}

// ---- buffer and queues -------------------------------------------------------------------

void ChannelCore::push_buffer(void* src, csptrace::ProcId from) {
  const std::size_t i = wrap(head_ + count_);
  ops_.move_construct(storage_ + i * stride_, src);
  from_[i] = from;
  ++count_;
}

void ChannelCore::pop_buffer_into(void* dst) {
  void* s = storage_ + head_ * stride_;
  ops_.move_to_optional(dst, s);
  if (!ops_.trivially_destructible) ops_.destroy(s);
  head_ = wrap(head_ + 1);
  --count_;
}

void ChannelCore::drop_oldest() {
  ops_.destroy(slot(0));
  head_ = wrap(head_ + 1);
  --count_;
}

Waiter* ChannelCore::first_live(WaitQueue& q) noexcept {
  while (Waiter* w = q.front()) {
    if (w->live()) return w;
    q.remove(w);
  }
  return nullptr;
}

Waiter* ChannelCore::claim_first_of(WaitQueue& q) noexcept {
  while (Waiter* w = q.front()) {
    q.remove(w);
    if (w->claim()) return w;
  }
  return nullptr;
}

void ChannelCore::check_cap(WaitQueue& q, WaitOp op, const OpContext& ctx) {
  for (Waiter* w = q.front(); w;) {  // stale alt waiters do not count
    Waiter* next = w->next;
    if (!w->live()) q.remove(w);
    w = next;
  }
  if (q.size() < rt_.max_pending()) return;
  const char* what = op == WaitOp::Put ? "puts" : "takes";
  throw ChannelError(format_loc(ctx.loc) + ": no more than " + std::to_string(rt_.max_pending()) +
                     " pending " + what + " are allowed on a single channel ('" + name() +
                     "', in process '" + ctx.proc->name() + "'); consider a buffered channel " +
                     "(csp::fixed, csp::dropping, csp::sliding) or fewer concurrent " +
                     (op == WaitOp::Put ? "writers" : "readers") +
                     ", or raise csp::Options::max_pending");
}

// ---- the rendezvous rule, written once ---------------------------------------------------

// A put whose taker already waits hands its value straight to it (while takers wait, the
// buffer, if any, is empty). False when no live taker waits.
[[gnu::always_inline]] inline bool ChannelCore::hand_to_taker(void* src, Process& p,
                                                              const ChannelTrace& tr) {
  Waiter* t = claim_first(takes_);
  if (t == nullptr) return false;
  ops_.move_to_optional(t->io, src);
  complete(t, WaitResult::Done, &p, tr, tr.transfer(p.id, t->proc()->id, Via::Direct, t->io));
  return true;
}

// A take whose putter already waits gets the value straight from it. False when no live putter
// waits.
[[gnu::always_inline]] inline bool ChannelCore::take_from_putter(void* dst, Process& p,
                                                                 const ChannelTrace& tr) {
  Waiter* pw = claim_first(puts_);
  if (pw == nullptr) return false;
  ops_.move_to_optional(dst, pw->io);
  complete(pw, WaitResult::Done, &p, tr, tr.transfer(pw->proc()->id, p.id, Via::Direct, dst));
  return true;
}

// ---- put -------------------------------------------------------------------------------------

bool ChannelCore::ready_locked(WaitOp op) noexcept {
  if (closed_) return true;  // a put is refused, a take gets a value or nothing, at once
  if (op == WaitOp::Put)
    return when_full(kind_) != WhenFull::Wait || count_ < cap_ || first_live(takes_) != nullptr;
  return count_ > 0 || first_live(puts_) != nullptr;
}

OpStatus ChannelCore::try_put_locked(void* src, const OpContext& ctx) {
  const ChannelTrace tr = trace();
  Process& p = *ctx.proc;
  if (closed_) {
    tr.refused(p.id, WaitOp::Put, src, ctx.loc);
    return OpStatus::Closed;
  }
  if (has_xform_) [[unlikely]]
    return put_transformed(src, p, tr, ctx.loc);
  const WhenFull policy = when_full(kind_);
  if (policy == WhenFull::KeepFirst) return put_promise(src, p, tr);
  if (hand_to_taker(src, p, tr)) return OpStatus::Done;
  if (count_ < cap_) {
    push_buffer(src, p.id);
    tr.buf_put(p.id, count_, slot(count_ - 1));
    return OpStatus::Done;
  }
  switch (policy) {
    case WhenFull::DropNew: tr.buf_drop(p.id, count_, src); return OpStatus::Done;
    case WhenFull::DropOldest:
      tr.buf_drop(p.id, count_ - 1, slot(0));
      drop_oldest();
      push_buffer(src, p.id);
      tr.buf_put(p.id, count_, slot(count_ - 1));
      return OpStatus::Done;
    case WhenFull::Wait:
    case WhenFull::KeepFirst: break;
  }
  return OpStatus::WouldWait;
}

// A promise keeps its first value: later puts are dropped, and every taker, waiting now or
// coming later, gets a copy.
OpStatus ChannelCore::put_promise(void* src, Process& p, const ChannelTrace& tr) {
  if (count_ > 0) {
    tr.buf_drop(p.id, 1, src);
    return OpStatus::Done;
  }
  push_buffer(src, p.id);
  tr.buf_put(p.id, 1, slot(0));
  while (Waiter* t = claim_first(takes_)) {
    ops_.copy_to_optional(t->io, slot(0));
    complete(t, WaitResult::Done, &p, tr, tr.buf_take_of_waiter(t->proc()->id, p.id, 1, t->io));
  }
  return OpStatus::Done;
}

OpStatus ChannelCore::wait_locked(Waiter* w, void* io, WaitOp op, const OpContext& ctx) {
  WaitQueue& q = op == WaitOp::Put ? puts_ : takes_;
  if (q.size() >= rt_.max_pending()) [[unlikely]]
    check_cap(q, op, ctx);
  // The waiter's maker set its channel (this one) and line (Waiter::Lazy); the rest is set here.
  w->set_owner(ctx.proc);
  w->io = io;
  w->on_puts = op == WaitOp::Put;
  w->result = WaitResult::Pending;
  q.push_back(w);
  ctx.proc->waiting = w;
  trace().wait(ctx, op, op == WaitOp::Put ? io : nullptr, 0);
  rt_.note_waiting();
  return OpStatus::Waiting;
}

OpStatus ChannelCore::put(void* src, Waiter* w, const OpContext& ctx) {
  std::lock_guard lk(mu_);
  OpStatus st;
  // An untraced rendezvous on an open channel is the rendezvous rule alone: the tests for a
  // buffer and for tracing are skipped.
  if (kind_ == BufferKind::Unbuffered && rt_.rec == nullptr && !closed_) [[likely]]
    st = hand_to_taker(src, *ctx.proc, ChannelTrace(*this, rt_, nullptr)) ? OpStatus::Done
                                                                          : OpStatus::WouldWait;
  else
    st = try_put_locked(src, ctx);
  if (st != OpStatus::WouldWait || ctx.mode == WaitMode::None) return st;
  return wait_locked(w, src, WaitOp::Put, ctx);
}

// ---- take ------------------------------------------------------------------------------------

OpStatus ChannelCore::try_take_locked(void* dst, const OpContext& ctx) {
  const ChannelTrace tr = trace();
  Process& p = *ctx.proc;
  if (count_ > 0) {
    take_buffered(dst, p, tr);
    return OpStatus::Done;
  }
  // A transform's putters wait only on a full buffer: they hold untransformed values.
  if (!has_xform_ && take_from_putter(dst, p, tr)) return OpStatus::Done;
  if (closed_) {
    tr.refused(p.id, WaitOp::Take, nullptr, ctx.loc);
    return OpStatus::Closed;
  }
  return OpStatus::WouldWait;
}

// The oldest value goes to the taker (a promise's stays, copied); the room it makes lets the
// first waiting putter's value in (putters wait only on a full fixed buffer). count_ > 0.
void ChannelCore::take_buffered(void* dst, Process& p, const ChannelTrace& tr) {
  const csptrace::ProcId from = tr.on() ? from_[head_] : 0;  // from_ is kept on traced runs only
  if (when_full(kind_) == WhenFull::KeepFirst) {
    ops_.copy_to_optional(dst, slot(0));
    tr.buf_take(p.id, from, count_, dst);
    return;
  }
  pop_buffer_into(dst);
  if (has_xform_) [[unlikely]] {
    refill_from_overflow();
    tr.buf_take(p.id, from, count_ + static_cast<uint32_t>(xform()->overflow_size()), dst);
    admit_transformed_putters(p, tr);
    return;
  }
  tr.buf_take(p.id, from, count_, dst);
  if (Waiter* pw = claim_first(puts_)) {
    push_buffer(pw->io, pw->proc()->id);
    complete(pw, WaitResult::Done, &p, tr,
             tr.buf_put_of_waiter(pw->proc()->id, count_, slot(count_ - 1)));
  }
}

OpStatus ChannelCore::take(void* dst, Waiter* w, const OpContext& ctx) {
  std::lock_guard lk(mu_);
  OpStatus st;
  // An untraced rendezvous is the rendezvous rule, then the closed test (parked puts are still
  // delivered after a close): the tests for a buffer and for tracing are skipped.
  if (kind_ == BufferKind::Unbuffered && rt_.rec == nullptr) [[likely]] {
    if (take_from_putter(dst, *ctx.proc, ChannelTrace(*this, rt_, nullptr))) return OpStatus::Done;
    st = closed_ ? OpStatus::Closed : OpStatus::WouldWait;
  } else {
    st = try_take_locked(dst, ctx);
  }
  if (st != OpStatus::WouldWait || ctx.mode == WaitMode::None) return st;
  return wait_locked(w, dst, WaitOp::Take, ctx);
}

}  // namespace csp::detail
