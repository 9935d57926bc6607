// alts: offer, choose, or park on every guard (Go's selectgo, core.async's alts! with a shared
// commit flag). Channels are locked in address order, once each, so two alts over the same
// channels cannot deadlock each other.
#include <csp/detail/alt_call.hpp>

#include "runtime.hpp"

#include <csp/detail/runtime_hooks.hpp>

#include <algorithm>
#include <vector>

namespace csp::detail {

using csptrace::Event;
using csptrace::EventKind;
using csptrace::WaitOp;

namespace {

// Up to N items inline, more on the heap: an alt's guard lists, nearly always short, without an
// allocation per alt.
template <class T, std::size_t N>
class ShortList {
 public:
  explicit ShortList(std::size_t capacity) {
    if (capacity > N) {
      heap_.resize(capacity);
      data_ = heap_.data();
    }
  }
  ShortList(const ShortList&) = delete;
  ShortList& operator=(const ShortList&) = delete;
  void push_back(T v) noexcept { data_[size_++] = v; }
  void truncate(std::size_t n) noexcept { size_ = n; }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  T* begin() noexcept { return data_; }
  T* end() noexcept { return data_ + size_; }
  std::size_t size() const noexcept { return size_; }
  bool empty() const noexcept { return size_ == 0; }

 private:
  T inline_[N];
  std::vector<T> heap_;
  T* data_ = inline_;
  std::size_t size_ = 0;
};

// The distinct channels of an alt, sorted by address; locked for the object's lifetime.
class ChannelSetLock {
 public:
  explicit ChannelSetLock(const AltCall& call) : chans_(call.count) {
    for (std::size_t i = 0; i < call.count; ++i) chans_.push_back(call.slots[i].chan);
    if (chans_.size() > 16) {
      std::sort(chans_.begin(), chans_.end());
    } else {  // insertion sort of a handful of pointers, shifting (a swap of neighbours
              // compiles to overlapping 16-byte loads and stores that stall store forwarding)
      for (std::size_t i = 1; i < chans_.size(); ++i) {
        ChannelCore* const c = chans_[i];
        std::size_t j = i;
        for (; j > 0 && c < chans_[j - 1]; --j) chans_[j] = chans_[j - 1];
        chans_[j] = c;
      }
    }
    chans_.truncate(
        static_cast<std::size_t>(std::unique(chans_.begin(), chans_.end()) - chans_.begin()));
    for (ChannelCore* c : chans_) c->lock();
  }
  ~ChannelSetLock() {
    for (std::size_t i = chans_.size(); i > 0; --i) chans_[i - 1]->unlock();
  }
  ChannelSetLock(const ChannelSetLock&) = delete;
  ChannelSetLock& operator=(const ChannelSetLock&) = delete;
  std::size_t distinct() const noexcept { return chans_.size(); }

 private:
  ShortList<ChannelCore*, 8> chans_;
};

}  // namespace

bool AltCall::begin(Process& p, WaitMode mode) {
  Runtime& rt = slots[0].chan->runtime();
  csptrace::Recorder* rec = rt.rec;
  ChannelSetLock locked(*this);

  state.number = ++p.alts_started;
  state.done.store(false, std::memory_order_relaxed);
  state.won = -1;
  state.proc = &p;
  const OpContext now{&p, loc, WaitMode::None};

  if (rec) {
    Event e(EventKind::AltOffer);
    rt.record_as<EventKind::AltOffer>(
        e.with_proc(p.id).with_alt(state.number).with_loc(rt.loc_id(loc)));
  }
  ShortList<uint32_t, 8> ready(count);
  for (std::size_t i = 0; i < count; ++i) {
    AltSlot& s = slots[i];
    const bool r = s.chan->ready_locked(s.op);
    if (r) ready.push_back(static_cast<uint32_t>(i));
    if (rec) {
      Event e(EventKind::AltGuard);
      e.with_proc(p.id)
          .with_alt(state.number)
          .with_index(static_cast<int32_t>(i))
          .with_op(s.op)
          .with_chan(s.chan->id())
          .with_ready(r);
      if (s.op == WaitOp::Put) {
        csptrace::Value v = s.chan->preview_put(s.io);
        if (v.kind != csptrace::Value::Kind::None) e.with_value(v);
      }
      rt.record_as<EventKind::AltGuard>(e);
    }
  }

  if (!ready.empty()) {
    csptrace::AltRule rule = csptrace::AltRule::Only;
    std::size_t first = 0;  // where the tries start in `ready`
    if (ready.size() > 1) {
      rule = priority ? csptrace::AltRule::Priority : csptrace::AltRule::Random;
      // The scheduler picks where the tries start (seeded random, or its strategy's decision),
      // then the listed order: the first that completes wins.
      if (!priority)
        first = rt.scheduler().choose_guard(p, state.number, {ready.begin(), ready.size()});
    }
    for (std::size_t k = 0; k < ready.size(); ++k) {
      const uint32_t i = ready[(first + k) % ready.size()];
      AltSlot& s = slots[i];
      csptrace::Value v;
      if (rec && s.op == WaitOp::Put) v = s.chan->preview_put(s.io);
      const OpStatus st = s.op == WaitOp::Put ? s.chan->try_put_locked(s.io, now)
                                              : s.chan->try_take_locked(s.io, now);
      if (st == OpStatus::WouldWait) continue;  // its partner's alt committed elsewhere meanwhile
      s.waiter.result = st == OpStatus::Done ? WaitResult::Done : WaitResult::Closed;
      chosen = static_cast<int32_t>(i);
      if (rec) {
        if (s.op == WaitOp::Take) v = s.chan->preview_taken(s.io);
        Event e(EventKind::AltChoice);
        e.with_proc(p.id)
            .with_alt(state.number)
            .with_index(chosen)
            .with_rule(rule)
            .with_chan(s.chan->id());
        if (v.kind != csptrace::Value::Kind::None) e.with_value(v);
        rt.record_as<EventKind::AltChoice>(e);
      }
      return true;
    }
  }

  if (has_default || mode == WaitMode::None) {
    chosen = -1;
    if (rec) {
      Event e(EventKind::AltChoice);
      rt.record_as<EventKind::AltChoice>(e.with_proc(p.id)
                                             .with_alt(state.number)
                                             .with_index(-1)
                                             .with_rule(csptrace::AltRule::Default));
    }
    return true;
  }

  // Park on every guard; the first partner to win state.done completes the alt. When a channel
  // appears in several guards, the one enqueued first there is served first: without
  // csp::priority that must be a fair choice (Go's TestPseudoRandomSend), so the enqueue order
  // starts at a guard the scheduler picks.
  const OpContext waiting{&p, loc, mode};
  const std::size_t start = !priority && locked.distinct() < count ? park_start(p) : 0;
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t i = (start + k) % count;
    AltSlot& s = slots[i];
    s.waiter.set_owner(&state);
    s.waiter.index = static_cast<int32_t>(i);
    s.waiter.io = s.io;
    s.waiter.loc = loc;
    try {
      s.chan->enqueue_locked(&s.waiter, s.op, waiting);
    } catch (...) {
      for (std::size_t j = 0; j < k; ++j) {
        AltSlot& done = slots[(start + j) % count];
        done.chan->cancel_locked(&done.waiter);
      }
      throw;
    }
  }
  p.waiting = &slots[0].waiter;
  if (rec) {
    Event e(mode == WaitMode::Park ? EventKind::Park : EventKind::Block);
    rt.record_park_or_block(
        e.with_proc(p.id).with_op(WaitOp::Alts).with_alt(state.number).with_loc(rt.loc_id(loc)));
  }
  rt.note_waiting();
  return false;
}

std::size_t AltCall::park_start(Process& p) {
  ShortList<uint32_t, 8> all(count);
  for (std::size_t i = 0; i < count; ++i) all.push_back(static_cast<uint32_t>(i));
  const std::span<const uint32_t> guards(all.begin(), all.size());
  return all[slots[0].chan->runtime().scheduler().choose_guard(p, state.number, guards)];
}

std::coroutine_handle<> AltCall::suspend(Process& p, std::coroutine_handle<> h, bool& waiting) {
  p.resume_point = h;
  waiting = true;
  bool done = false;
  try {
    done = begin(p, WaitMode::Park);
  } catch (...) {
    waiting = false;
    throw;
  }
  if (!done) return next_after_park();
  waiting = false;
  return h;
}

void AltCall::wait_blocking(Process& p) {
  if (begin(p, WaitMode::Block)) return;
  try {
    block_until_woken(p, nullptr, 0);
  } catch (...) {
    end();
    throw;
  }
  end();
}

void AltCall::end() noexcept {
  // The alt is decided (state.done), so its other waiters are stale: partners skip them, and
  // each can be unlinked under its own channel's lock, one channel at a time.
  for (std::size_t i = 0; i < count; ++i) slots[i].chan->cancel(&slots[i].waiter);
  chosen = state.won;
}

}  // namespace csp::detail
