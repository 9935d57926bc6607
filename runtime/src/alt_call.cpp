// alts: offer, choose, or park on every guard (Go's selectgo, core.async's alts! with a shared
// commit flag). Channels are locked in address order, once each, so two alts over the same
// channels cannot deadlock each other.
#include <csp/detail/alt_call.hpp>

#include "runtime.hpp"

#include <algorithm>
#include <vector>

namespace csp::detail {

using csptrace::Event;
using csptrace::EventKind;
using csptrace::WaitOp;

namespace {

// The distinct channels of an alt, sorted by address; locked for the object's lifetime.
class ChannelSetLock {
 public:
  explicit ChannelSetLock(const AltCall& call) {
    chans_.reserve(call.count);
    for (std::size_t i = 0; i < call.count; ++i) chans_.push_back(call.slots[i].chan);
    std::sort(chans_.begin(), chans_.end());
    chans_.erase(std::unique(chans_.begin(), chans_.end()), chans_.end());
    for (ChannelCore* c : chans_) c->lock();
  }
  ~ChannelSetLock() {
    for (auto it = chans_.rbegin(); it != chans_.rend(); ++it) (*it)->unlock();
  }
  ChannelSetLock(const ChannelSetLock&) = delete;
  ChannelSetLock& operator=(const ChannelSetLock&) = delete;

 private:
  std::vector<ChannelCore*> chans_;
};

}  // namespace

bool AltCall::begin(Process& p, WaitMode mode) {
  Runtime& rt = slots[0].chan->runtime();
  csptrace::Recorder* rec = rt.rec;
  ChannelSetLock locked(*this);

  state.number = ++p.alts_started;
  state.done.store(false, std::memory_order_relaxed);
  state.won = -1;
  const OpContext now{&p, loc, WaitMode::None};

  if (rec) {
    Event e(EventKind::AltOffer);
    rec->record(e.with_proc(p.id).with_alt(state.number).with_loc(rt.loc_id(loc)));
  }
  std::vector<uint32_t> ready;
  ready.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    AltSlot& s = slots[i];
    const bool r = s.chan->ready_locked(s.op);
    if (r) ready.push_back(static_cast<uint32_t>(i));
    if (rec) {
      Event e(EventKind::AltGuard);
      e.with_proc(p.id).with_alt(state.number).with_index(static_cast<int32_t>(i)).with_op(s.op)
          .with_chan(s.chan->id()).with_ready(r);
      if (s.op == WaitOp::Put) {
        csptrace::Value v = s.chan->preview(s.io);
        if (v.kind != csptrace::Value::Kind::None) e.with_value(v);
      }
      rec->record(e);
    }
  }

  if (!ready.empty()) {
    csptrace::AltRule rule = csptrace::AltRule::Only;
    if (ready.size() > 1) {
      rule = priority ? csptrace::AltRule::Priority : csptrace::AltRule::Random;
      if (!priority) {  // a seeded shuffle: the first that completes wins
        for (std::size_t i = ready.size() - 1; i > 0; --i)
          std::swap(ready[i], ready[rt.scheduler().random() % (i + 1)]);
      }
    }
    for (uint32_t i : ready) {
      AltSlot& s = slots[i];
      csptrace::Value v;
      if (rec && s.op == WaitOp::Put) v = s.chan->preview(s.io);
      const OpStatus st = s.op == WaitOp::Put ? s.chan->try_put_locked(s.io, now)
                                              : s.chan->try_take_locked(s.io, now);
      if (st == OpStatus::WouldWait) continue;  // its partner's alt committed elsewhere meanwhile
      s.waiter.result = st == OpStatus::Done ? WaitResult::Done : WaitResult::Closed;
      chosen = static_cast<int32_t>(i);
      if (rec) {
        if (s.op == WaitOp::Take) v = s.chan->preview_taken(s.io);
        Event e(EventKind::AltChoice);
        e.with_proc(p.id).with_alt(state.number).with_index(chosen).with_rule(rule)
            .with_chan(s.chan->id());
        if (v.kind != csptrace::Value::Kind::None) e.with_value(v);
        rec->record(e);
      }
      return true;
    }
  }

  if (has_default || mode == WaitMode::None) {
    chosen = -1;
    if (rec) {
      Event e(EventKind::AltChoice);
      rec->record(e.with_proc(p.id).with_alt(state.number).with_index(-1)
                      .with_rule(csptrace::AltRule::Default));
    }
    return true;
  }

  // Park on every guard; the first partner to win state.done completes the alt.
  const OpContext waiting{&p, loc, mode};
  for (std::size_t i = 0; i < count; ++i) {
    AltSlot& s = slots[i];
    s.waiter.proc = &p;
    s.waiter.alt = &state;
    s.waiter.index = static_cast<int32_t>(i);
    s.waiter.io = s.io;
    try {
      s.chan->enqueue_locked(&s.waiter, s.op, waiting);
    } catch (...) {
      for (std::size_t j = 0; j < i; ++j) slots[j].chan->cancel_locked(&slots[j].waiter);
      throw;
    }
  }
  p.wait = WaitInfo{WaitOp::Alts, slots[0].chan, state.number, loc};
  if (rec) {
    Event e(mode == WaitMode::Park ? EventKind::Park : EventKind::Block);
    rec->record(e.with_proc(p.id).with_op(WaitOp::Alts).with_alt(state.number)
                    .with_loc(rt.loc_id(loc)));
  }
  rt.note_waiting();
  return false;
}

void AltCall::end() noexcept {
  ChannelSetLock locked(*this);
  for (std::size_t i = 0; i < count; ++i) slots[i].chan->cancel_locked(&slots[i].waiter);
  chosen = state.won;
}

}  // namespace csp::detail
