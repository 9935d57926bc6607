// ChannelCore: close (core.async's rules), timer firing, withdrawing waiters. The put and take
// side is in channel_core.cpp; the invariants and lock contract are in channel_core.hpp.
#include <csp/detail/channel_core.hpp>

#include "runtime.hpp"

#include <mutex>

namespace csp::detail {

using csptrace::Event;
using csptrace::EventKind;
using csptrace::WaitOp;

// ---- close, cancel, timers -------------------------------------------------------------------

void ChannelCore::close(Process* closer, std::source_location loc) {
  std::lock_guard lk(mu_);
  close_locked(closer, loc);
}

void ChannelCore::close_locked(Process* closer, std::source_location loc) {
  if (closed_) return;
  closed_ = true;
  csptrace::Recorder* rec = rt_.rec;
  if (rec) {
    Event e(EventKind::ChanClose);
    e.with_chan(id_);
    if (closer) e.with_proc(closer->id);
    if (closer && loc.line() != 0) e.with_loc(rt_.loc_id(loc));
    record(e);
  }
  // Waiting takers get nothing. Waiting putters stay: later takers still receive their values.
  while (Waiter* t = claim_first(takes_)) {
    Process& taker = *t->proc();
    const csptrace::ProcId taker_id = taker.id;  // the taker may be gone once woken
    auto refused = [&] {
      if (!rec) return;
      Event e(EventKind::Refused);
      record(e.with_proc(taker_id).with_chan(id_).with_op(WaitOp::Take));
    };
    // What the taker got (nothing) is recorded before its wake: once woken it may run on
    // another worker at once, and its next events must not precede this one.
    refused();
    if (t->alt()) {  // an alt: the operation, its choice, then the wake
      complete(t, WaitResult::Closed, closer, {});
    } else {
      t->result = WaitResult::Closed;
      rt_.wake(taker, *this, closer);
    }
  }
}

void ChannelCore::fire_timer() {
  std::lock_guard lk(mu_);
  if (rt_.rec) {
    Event e(EventKind::TimerFire);
    record(e.with_chan(id_));
  }
  close_locked(nullptr, {});
}

void ChannelCore::cancel(Waiter* w) noexcept {
  std::lock_guard lk(mu_);
  cancel_locked(w);
}

void ChannelCore::cancel_locked(Waiter* w) noexcept {
  if (!w->queued) return;
  (w->on_puts ? puts_ : takes_).remove(w);
}

void ChannelCore::enqueue_locked(Waiter* w, WaitOp op, const OpContext& ctx) {
  WaitQueue& q = op == WaitOp::Put ? puts_ : takes_;
  if (q.size() >= rt_.max_pending()) check_cap(q, op, ctx);
  w->chan = this;
  w->on_puts = op == WaitOp::Put;
  w->result = WaitResult::Pending;
  q.push_back(w);
}

}  // namespace csp::detail
