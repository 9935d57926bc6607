// What a channel records, one method per event, so that the channel's rules (channel_core.cpp,
// channel_close.cpp) read without recording code between them. Each method does nothing on an
// untraced run (one test of the recorder pointer, folded away where the caller knows it is
// null) and takes a value's preview only when it records. The event protocol is
// docs/trace-format.md's "How the kinds fit together".
//
// Lock contract: every method is called under the channel's lock (the trace order of one
// channel is its real order); none takes a lock of its own other than the recorder's.
#pragma once

#include "runtime.hpp"

#include <csp/detail/channel_core.hpp>

#include <csp/source_location.hpp>
#include <optional>

namespace csp::detail {

class ChannelTrace {
 public:
  using Event = csptrace::Event;
  using EventKind = csptrace::EventKind;
  using ProcId = csptrace::ProcId;
  using WaitOp = csptrace::WaitOp;

  // rec: the run's recorder, or null on an untraced run.
  ChannelTrace(const ChannelCore& ch, Runtime& rt, csptrace::Recorder* rec) noexcept
      : ch_(ch), rt_(rt), rec_(rec) {}

  bool on() const noexcept { return rec_ != nullptr; }

  // A put found the channel closed (`value`: its value), or a take found it closed and drained
  // (`value` null), at `loc`.
  void refused(ProcId p, WaitOp op, const void* value, csp::SourceLocation loc) const {
    if (!on()) return;
    Event e(EventKind::Refused);
    e.with_proc(p).with_chan(ch_.id()).with_op(op).with_loc(rt_.loc_id(loc));
    if (value) with_value(e, ch_.preview_put(value));
    rec_->record(e);
  }
  // A waiting taker's take found the channel closed by someone else: it gets nothing.
  void refused_by_close(ProcId taker) const {
    if (!on()) return;
    Event e(EventKind::Refused);
    rec_->record(e.with_proc(taker).with_chan(ch_.id()).with_op(WaitOp::Take));
  }
  // A value entered the buffer (`slot` holds it now); level is the fill after.
  void buf_put(ProcId p, uint32_t level, const void* slot) const {
    if (!on()) return;
    Event e = buf_put_event(p, level, slot);
    rt_.record_as<EventKind::BufPut>(e);
  }
  // A value was dropped: the new one (dropping, promise) or the oldest (sliding).
  void buf_drop(ProcId p, uint32_t level, const void* value) const {
    if (!on()) return;
    Event e(EventKind::BufDrop);
    e.with_proc(p).with_chan(ch_.id()).with_level(level);
    with_value(e, ch_.preview(value));
    rec_->record(e);
  }
  // A taker took a value from the buffer (put there by `from`; `taken` is the taker's
  // std::optional<T>, already filled): buf_take, then the transfer.
  void buf_take(ProcId taker, ProcId from, uint32_t level, const void* taken) const {
    if (!on()) return;
    const csptrace::Value v = ch_.preview_taken(taken);
    Event bt(EventKind::BufTake);
    bt.with_proc(taker).with_chan(ch_.id()).with_level(level);
    rt_.record_as<EventKind::BufTake>(with_value(bt, v));
    Event tr(EventKind::Transfer);
    tr.with_chan(ch_.id()).with_from(from).with_to(taker).with_via(csptrace::Via::Buffer);
    rt_.record_as<EventKind::Transfer>(with_value(tr, v));
  }

  // ---- causes: events that complete a waiter, recorded with the wake (ChannelCore::complete)

  // A value moved from `from` to `to`: `taken` is the taker's std::optional<T>, already filled.
  std::optional<Event> transfer(ProcId from, ProcId to, csptrace::Via via,
                                const void* taken) const {
    if (!on()) return std::nullopt;
    Event e(EventKind::Transfer);
    e.with_chan(ch_.id()).with_from(from).with_to(to).with_via(via);
    with_value(e, ch_.preview_taken(taken));
    return e;
  }
  // A waiting taker got a copy of a promise's value: buf_take now, the transfer as the cause.
  std::optional<Event> buf_take_of_waiter(ProcId taker, ProcId from, uint32_t level,
                                          const void* taken) const {
    if (!on()) return std::nullopt;
    const csptrace::Value v = ch_.preview_taken(taken);
    Event bt(EventKind::BufTake);
    bt.with_proc(taker).with_chan(ch_.id()).with_level(level);
    rec_->record(with_value(bt, v));
    Event tr(EventKind::Transfer);
    tr.with_chan(ch_.id()).with_from(from).with_to(taker).with_via(csptrace::Via::Buffer);
    return with_value(tr, v);
  }
  // A waiting putter's value entered the buffer (`slot`), completing its put.
  std::optional<Event> buf_put_of_waiter(ProcId p, uint32_t level, const void* slot) const {
    if (!on()) return std::nullopt;
    return buf_put_event(p, level, slot);
  }
  // A waiting alt's choice, between the event that completed it and its wake.
  Event alt_choice(const Waiter& w, const Event* cause) const {
    Event e(EventKind::AltChoice);
    e.with_proc(w.proc()->id)
        .with_alt(w.alt()->number)
        .with_index(w.index)
        .with_rule(csptrace::AltRule::Waited)
        .with_chan(ch_.id());
    if (cause && cause->has(csptrace::Field::value)) e.with_value(cause->value);
    return e;
  }
  void record(Event& e) const { rec_->record(e); }

  // ---- making, waits and closes

  // The channel was made by `creator` (null: outside any process); a timer's duration, a
  // result channel's process.
  void make(const Process* creator, csp::SourceLocation loc, int64_t timer_ns,
            const Process* result_of) const {
    if (!on()) return;
    Event e(EventKind::ChanMake);
    e.with_chan(ch_.id())
        .with_name(rec_->intern(ch_.name()))
        .with_buffer(ch_.kind())
        .with_cap(ch_.capacity());
    if (loc.line() != 0) e.with_loc(rt_.loc_id(loc));
    if (timer_ns >= 0) e.with_duration(timer_ns);
    if (creator) e.with_proc(creator->id);
    if (result_of) e.with_partner(result_of->id);
    rec_->record(e);
  }

  // The calling process parks or blocks on this channel (or, op alts, on an alt of it).
  void wait(const OpContext& ctx, WaitOp op, const void* value, uint32_t alt) const {
    if (!on()) return;
    Event e(ctx.mode == WaitMode::Park ? EventKind::Park : EventKind::Block);
    e.with_proc(ctx.proc->id).with_op(op).with_loc(rt_.loc_id(ctx.loc));
    if (op == WaitOp::Alts)
      e.with_alt(alt);
    else
      e.with_chan(ch_.id());
    if (value) with_value(e, ch_.preview_put(value));
    rt_.record_park_or_block(e);
  }
  void close(const Process* closer, csp::SourceLocation loc) const {
    if (!on()) return;
    Event e(EventKind::ChanClose);
    e.with_chan(ch_.id());
    if (closer) e.with_proc(closer->id);
    if (closer && loc.line() != 0) e.with_loc(rt_.loc_id(loc));
    rec_->record(e);
  }
  void timer_fire() const {
    if (!on()) return;
    Event e(EventKind::TimerFire);
    rec_->record(e.with_chan(ch_.id()));
  }

 private:
  static Event& with_value(Event& e, const csptrace::Value& v) {
    if (v.kind != csptrace::Value::Kind::None) e.with_value(v);
    return e;
  }
  Event buf_put_event(ProcId p, uint32_t level, const void* slot) const {
    Event e(EventKind::BufPut);
    e.with_proc(p).with_chan(ch_.id()).with_level(level);
    with_value(e, ch_.preview(slot));
    return e;
  }

  const ChannelCore& ch_;
  Runtime& rt_;
  csptrace::Recorder* const rec_;
};

inline ChannelTrace ChannelCore::trace() const noexcept {
  return ChannelTrace(*this, rt_, rt_.rec);
}

// Inlined: on an untraced rendezvous the recording branches fold away. Requires the lock.
[[gnu::always_inline]] inline void ChannelCore::complete(Waiter* w, WaitResult r, Process* partner,
                                                         const ChannelTrace& tr,
                                                         std::optional<csptrace::Event> cause) {
  Process& owner = *w->proc();
  w->result = r;
  if (tr.on() && w->alt()) [[unlikely]] {  // the alt's choice comes between the cause and the wake
    if (cause) tr.record(*cause);
    csptrace::Event choice = tr.alt_choice(*w, cause ? &*cause : nullptr);
    rt_.wake(owner, *this, partner, &choice);
    return;
  }
  rt_.wake(owner, *this, partner, cause ? &*cause : nullptr);
}

}  // namespace csp::detail
