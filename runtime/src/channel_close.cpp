// ChannelCore: close (core.async's rules), timer firing, withdrawing waiters. The put and take
// side is in channel_core.cpp; the invariants and lock contract are in channel_core.hpp.
#include <csp/detail/channel_core.hpp>

#include "channel_trace.hpp"
#include "runtime.hpp"

#include <mutex>

namespace csp::detail {

using csptrace::WaitOp;

void ChannelCore::close(Process* closer, csp::SourceLocation loc) {
  std::lock_guard lk(mu_);
  close_locked(closer, loc);
}

// Requires mu_. Waiting takers get nothing; waiting putters stay, and later takers still
// receive their values.
void ChannelCore::close_locked(Process* closer, csp::SourceLocation loc) {
  if (closed_) return;
  closed_ = true;
  const ChannelTrace tr = trace();
  tr.close(closer, loc);
  // core.async: the completion step runs when no put is parked (else when the last one is let
  // in: channel_transform.cpp); what it adds goes to the waiting takers first.
  if (has_xform_ && first_live(puts_) == nullptr) complete_transform(closer, tr);
  while (Waiter* t = claim_first(takes_)) {
    // What the taker got (nothing) is recorded before its wake: once woken it may run on
    // another worker at once, and its next events must not precede this one.
    tr.refused_by_close(t->proc()->id);
    complete(t, WaitResult::Closed, closer, tr, std::nullopt);
  }
}

void ChannelCore::fire_timer() {
  std::lock_guard lk(mu_);
  trace().timer_fire();
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
