// Channel operations, put and take: the rules of DESIGN §3 and the event protocol of
// docs/trace-format.md ("How the kinds fit together"). Making and freeing channels is in
// channel_make.cpp, close and cancel in channel_close.cpp; channel_core.hpp has the invariants
// and the lock contract.
#include <csp/detail/channel_core.hpp>

#include "runtime.hpp"

#include <csp/errors.hpp>

#include <mutex>
#include <string>

namespace csp::detail {

using csptrace::BufferKind;
using csptrace::Event;
using csptrace::EventKind;
using csptrace::WaitOp;

bool ChannelCore::closed() noexcept {
  std::lock_guard lk(mu_);
  return closed_;
}

void ChannelCore::record(Event& e) { rt_.rec->record(e); }

csptrace::Value ChannelCore::preview(const void* value) const {
  if (ops_.integer_preview) return csptrace::Value::integer(ops_.integer_preview(value));
  return rt_.value_of(ops_.preview(value));
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

void ChannelCore::complete(Waiter* w, WaitResult r, Process* partner, const csptrace::Value& v,
                           Event* cause) {
  Process& owner = *w->proc();
  w->result = r;
  if (rt_.rec && w->alt()) {  // the alt's choice comes between the cause and the resume
    if (cause) record(*cause);
    Event choice(EventKind::AltChoice);
    choice.with_proc(owner.id).with_alt(w->alt()->number).with_index(w->index)
        .with_rule(csptrace::AltRule::Waited).with_chan(id_);
    if (v.kind != csptrace::Value::Kind::None) choice.with_value(v);
    rt_.wake(owner, *this, partner, &choice);
    return;
  }
  rt_.wake(owner, *this, partner, cause);
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

void ChannelCore::record_wait(const OpContext& ctx, WaitOp op, const void* value, uint32_t alt) {
  Event e(ctx.mode == WaitMode::Park ? EventKind::Park : EventKind::Block);
  e.with_proc(ctx.proc->id).with_op(op).with_loc(rt_.loc_id(ctx.loc));
  if (op == WaitOp::Alts) {
    e.with_alt(alt);
  } else {
    e.with_chan(id_);
  }
  if (value) {
    csptrace::Value v = preview(value);
    if (v.kind != csptrace::Value::Kind::None) e.with_value(v);
  }
  rt_.record_park_or_block(e);
}

// ---- put -------------------------------------------------------------------------------------

bool ChannelCore::ready_locked(WaitOp op) noexcept {
  if (closed_) return true;  // a put is refused, a take gets a value or nothing, at once
  if (op == WaitOp::Put) {
    if (kind_ == BufferKind::Promise || kind_ == BufferKind::Dropping ||
        kind_ == BufferKind::Sliding)
      return true;
    if (first_live(takes_)) return true;
    return cap_ > 0 && count_ < cap_;
  }
  return count_ > 0 || first_live(puts_) != nullptr;
}

// put() has a direct path for untraced rendezvous: a change to the unbuffered rules here is
// made there too.
OpStatus ChannelCore::try_put_locked(void* src, const OpContext& ctx) {
  Process& p = *ctx.proc;
  csptrace::Recorder* rec = rt_.rec;
  if (closed_) {
    if (rec) {
      Event e(EventKind::Refused);
      e.with_proc(p.id).with_chan(id_).with_op(WaitOp::Put).with_loc(rt_.loc_id(ctx.loc));
      csptrace::Value v = preview(src);
      if (v.kind != csptrace::Value::Kind::None) e.with_value(v);
      record(e);
    }
    return OpStatus::Closed;
  }
  // A put that will wait records its value when it parks: no preview for it here.
  if ((kind_ == BufferKind::Unbuffered || (kind_ == BufferKind::Fixed && count_ >= cap_)) &&
      first_live(takes_) == nullptr)
    return OpStatus::WouldWait;
  const csptrace::Value v = rec ? preview(src) : csptrace::Value{};
  auto with_value = [&](Event& e) -> Event& {
    if (v.kind != csptrace::Value::Kind::None) e.with_value(v);
    return e;
  };

  if (kind_ == BufferKind::Promise) {
    if (count_ > 0) {  // the first value stays; later ones are dropped
      if (rec) {
        Event e(EventKind::BufDrop);
        record(with_value(e.with_proc(p.id).with_chan(id_).with_level(1)));
      }
      return OpStatus::Done;
    }
    push_buffer(src, p.id);
    if (rec) {
      Event e(EventKind::BufPut);
      record(with_value(e.with_proc(p.id).with_chan(id_).with_level(1)));
    }
    while (Waiter* t = claim_first(takes_)) {  // every waiting taker gets a copy
      ops_.copy_to_optional(t->io, storage_ + head_ * stride_);
      if (rec) {
        Event bt(EventKind::BufTake);
        record(with_value(bt.with_proc(t->proc()->id).with_chan(id_).with_level(1)));
        Event tr(EventKind::Transfer);
        complete(t, WaitResult::Done, &p, v,
                 &with_value(tr.with_chan(id_).with_from(p.id).with_to(t->proc()->id)
                                 .with_via(csptrace::Via::Buffer)));
      } else {
        complete(t, WaitResult::Done, &p, v);
      }
    }
    return OpStatus::Done;
  }

  // A waiting taker means the buffer is empty: hand the value over directly.
  if (Waiter* t = claim_first(takes_)) {
    ops_.move_to_optional(t->io, src);
    if (rec) {
      Event e(EventKind::Transfer);
      complete(t, WaitResult::Done, &p, v,
               &with_value(e.with_chan(id_).with_from(p.id).with_to(t->proc()->id)
                               .with_via(csptrace::Via::Direct)));
    } else {
      complete(t, WaitResult::Done, &p, v);
    }
    return OpStatus::Done;
  }
  if (cap_ == 0) return OpStatus::WouldWait;
  if (count_ < cap_) {
    push_buffer(src, p.id);
    if (rec) {
      Event e(EventKind::BufPut);
      rt_.record_as<EventKind::BufPut>(
          with_value(e.with_proc(p.id).with_chan(id_).with_level(static_cast<uint32_t>(count_))));
    }
    return OpStatus::Done;
  }
  if (kind_ == BufferKind::Dropping) {  // full: the new value is dropped, the put succeeds
    if (rec) {
      Event e(EventKind::BufDrop);
      record(with_value(e.with_proc(p.id).with_chan(id_).with_level(static_cast<uint32_t>(count_))));
    }
    return OpStatus::Done;
  }
  if (kind_ == BufferKind::Sliding) {  // full: the oldest value is dropped
    void* oldest = storage_ + head_ * stride_;
    if (rec) {
      Event e(EventKind::BufDrop);
      e.with_proc(p.id).with_chan(id_).with_level(static_cast<uint32_t>(count_ - 1));
      csptrace::Value ov = preview(oldest);
      if (ov.kind != csptrace::Value::Kind::None) e.with_value(ov);
      record(e);
    }
    ops_.destroy(oldest);
    head_ = wrap(head_ + 1);
    --count_;
    push_buffer(src, p.id);
    if (rec) {
      Event e(EventKind::BufPut);
      rt_.record_as<EventKind::BufPut>(
          with_value(e.with_proc(p.id).with_chan(id_).with_level(static_cast<uint32_t>(count_))));
    }
    return OpStatus::Done;
  }
  return OpStatus::WouldWait;  // fixed and full
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
  if (rt_.rec) record_wait(ctx, op, op == WaitOp::Put ? io : nullptr, 0);
  rt_.note_waiting();
  return OpStatus::Waiting;
}

OpStatus ChannelCore::put(void* src, Waiter* w, const OpContext& ctx) {
  std::lock_guard lk(mu_);
  // An untraced rendezvous on an open channel: hand the value to a waiting taker, or wait.
  // (try_put_locked does the same, after the checks for closing, buffers and the trace.)
  if (kind_ == BufferKind::Unbuffered && rt_.rec == nullptr && !closed_) [[likely]] {
    if (Waiter* t = claim_first(takes_)) {
      ops_.move_to_optional(t->io, src);
      complete(t, WaitResult::Done, ctx.proc, {});
      return OpStatus::Done;
    }
    if (ctx.mode == WaitMode::None) return OpStatus::WouldWait;
    return wait_locked(w, src, WaitOp::Put, ctx);
  }
  OpStatus st = try_put_locked(src, ctx);
  if (st != OpStatus::WouldWait || ctx.mode == WaitMode::None) return st;
  return wait_locked(w, src, WaitOp::Put, ctx);
}

// ---- take ------------------------------------------------------------------------------------

// take() has a direct path for untraced rendezvous: a change to the unbuffered rules here is
// made there too.
OpStatus ChannelCore::try_take_locked(void* dst, const OpContext& ctx) {
  Process& p = *ctx.proc;
  csptrace::Recorder* rec = rt_.rec;
  if (count_ > 0) {
    void* head = storage_ + head_ * stride_;
    const csptrace::Value v = rec ? preview(head) : csptrace::Value{};
    auto with_value = [&](Event& e) -> Event& {
      if (v.kind != csptrace::Value::Kind::None) e.with_value(v);
      return e;
    };
    const csptrace::ProcId from = rec ? from_[head_] : 0;  // from_ is kept on traced runs only
    if (kind_ == BufferKind::Promise) {
      ops_.copy_to_optional(dst, head);
    } else {
      pop_buffer_into(dst);
    }
    if (rec) {
      Event bt(EventKind::BufTake);
      rt_.record_as<EventKind::BufTake>(
          with_value(bt.with_proc(p.id).with_chan(id_).with_level(static_cast<uint32_t>(count_))));
      Event tr(EventKind::Transfer);
      rt_.record_as<EventKind::Transfer>(with_value(
          tr.with_chan(id_).with_from(from).with_to(p.id).with_via(csptrace::Via::Buffer)));
    }
    // Room was made: the first waiting putter's value enters the buffer (fixed buffers only;
    // putters never wait on the other kinds).
    if (kind_ != BufferKind::Promise) {
      if (Waiter* pw = claim_first(puts_)) {
        const csptrace::Value pv = rec ? preview(pw->io) : csptrace::Value{};
        push_buffer(pw->io, pw->proc()->id);
        if (rec) {
          Event e(EventKind::BufPut);
          e.with_proc(pw->proc()->id).with_chan(id_).with_level(static_cast<uint32_t>(count_));
          if (pv.kind != csptrace::Value::Kind::None) e.with_value(pv);
          complete(pw, WaitResult::Done, &p, pv, &e);
        } else {
          complete(pw, WaitResult::Done, &p, pv);
        }
      }
    }
    return OpStatus::Done;
  }
  // Unbuffered (or a closed channel's parked puts, which later takers still receive).
  if (Waiter* pw = claim_first(puts_)) {
    if (rec) {
      const csptrace::Value v = preview(pw->io);
      Event e(EventKind::Transfer);
      e.with_chan(id_).with_from(pw->proc()->id).with_to(p.id).with_via(csptrace::Via::Direct);
      if (v.kind != csptrace::Value::Kind::None) e.with_value(v);
      ops_.move_to_optional(dst, pw->io);
      complete(pw, WaitResult::Done, &p, v, &e);
    } else {
      ops_.move_to_optional(dst, pw->io);
      complete(pw, WaitResult::Done, &p, {});
    }
    return OpStatus::Done;
  }
  if (closed_) {
    if (rec) {
      Event e(EventKind::Refused);
      record(e.with_proc(p.id).with_chan(id_).with_op(WaitOp::Take).with_loc(rt_.loc_id(ctx.loc)));
    }
    return OpStatus::Closed;
  }
  return OpStatus::WouldWait;
}

OpStatus ChannelCore::take(void* dst, Waiter* w, const OpContext& ctx) {
  std::lock_guard lk(mu_);
  // An untraced rendezvous: take from a waiting putter (also after a close: parked puts are
  // still delivered), or find the channel closed, or wait. As try_take_locked, minus the
  // buffer and the trace.
  if (kind_ == BufferKind::Unbuffered && rt_.rec == nullptr) [[likely]] {
    if (Waiter* pw = claim_first(puts_)) {
      ops_.move_to_optional(dst, pw->io);
      complete(pw, WaitResult::Done, ctx.proc, {});
      return OpStatus::Done;
    }
    if (closed_) return OpStatus::Closed;
    if (ctx.mode == WaitMode::None) return OpStatus::WouldWait;
    return wait_locked(w, dst, WaitOp::Take, ctx);
  }
  OpStatus st = try_take_locked(dst, ctx);
  if (st != OpStatus::WouldWait || ctx.mode == WaitMode::None) return st;
  return wait_locked(w, dst, WaitOp::Take, ctx);
}

}  // namespace csp::detail
