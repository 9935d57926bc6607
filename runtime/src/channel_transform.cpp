// ChannelCore: a channel with a transform (core.async's `(chan buf xform)`,
// impl/channels.clj). The rules, in core.async's words and order:
//  - a put is accepted when the buffer is not full (dropping and sliding buffers never are):
//    its value goes through the transform and every output is added to the buffer by the
//    buffer's own policy, a fixed buffer past its size if need be (an expanding step "can
//    ignore buffer fullness"); the outputs then go to waiting takers, oldest first, one each
//    (an expanding step "delivers to multiple pending takers");
//  - a full fixed buffer makes the put wait with its untransformed value; each take that makes
//    room lets waiting putters in, through the transform, until the buffer is full again;
//  - a reduced transform (e.g. take_while) completes every waiting put (true, values
//    discarded) and closes the channel (core.async's abort);
//  - close runs the completion step (partition_all's last group) when no put waits; with puts
//    waiting, when the last of them has been let in. (core.async then skips the completion and
//    the last group is lost; cspscope keeps it.)
// Trace: every output entering the buffer is a `buf_put` by the process whose put it came from
// (the value is the output); an output a dropping buffer drops, or that a sliding buffer makes
// room for, is a `buf_drop`, as for untransformed puts; an output handed to a waiting taker is
// the `buf_take` and `transfer` (via buffer) of that taker. A put whose value yields no output
// (filter) records nothing of its own. The format is unchanged: the replay sees a buffer that may
// hold more than its capacity for a while.
//
// Every function requires mu_ (channel_core.hpp's lock contract).
#include <csp/detail/channel_core.hpp>

#include "buffer_policy.hpp"
#include "channel_trace.hpp"
#include "runtime.hpp"

namespace csp::detail {

// Where a step's outputs go: the buffer by its policy, then the waiting takers. `by` put the
// value (for the trace); `partner` is the process doing the operation (it wakes the takers).
class ChannelCore::TransformedValues final : public TransformSink {
 public:
  TransformedValues(ChannelCore& ch, csptrace::ProcId by, Process* partner,
                    const ChannelTrace& tr) noexcept
      : ch_(ch), by_(by), partner_(partner), tr_(tr) {}

  void add(void* out) override {
    ChannelCore& c = ch_;
    if (c.count_ < c.cap_) {
      c.push_buffer(out, by_);
      tr_.buf_put(by_, c.count_, c.slot(c.count_ - 1));
    } else {
      switch (when_full(c.kind_)) {
        case WhenFull::DropNew: tr_.buf_drop(by_, c.count_, out); break;
        case WhenFull::DropOldest:
          tr_.buf_drop(by_, c.count_ - 1, c.slot(0));
          c.drop_oldest();
          c.push_buffer(out, by_);
          tr_.buf_put(by_, c.count_, c.slot(c.count_ - 1));
          break;
        case WhenFull::Wait:
        case WhenFull::KeepFirst: {  // a transform's buffer is never a promise
          ChannelTransform& x = *c.xform();
          const auto level = static_cast<uint32_t>(c.count_ + x.overflow_size() + 1);
          tr_.buf_put(by_, level, out);  // before the move leaves `out` empty
          x.push_overflow(out, by_);
          break;
        }
      }
    }
    deliver();
  }

 private:
  // While takers wait the buffer was empty before this step: each output goes to the first of
  // them at once, so the buffer never holds a value a waiting taker could have.
  void deliver() {
    ChannelCore& c = ch_;
    while (c.count_ > 0) {
      Waiter* t = c.claim_first(c.takes_);
      if (t == nullptr) return;
      const csptrace::ProcId from = tr_.on() ? c.from_[c.head_] : 0;
      c.pop_buffer_into(t->io);
      c.refill_from_overflow();
      const auto level = static_cast<uint32_t>(c.count_ + c.xform()->overflow_size());
      c.complete(t, WaitResult::Done, partner_, tr_,
                 tr_.buf_take_of_waiter(t->proc()->id, from, level, t->io));
    }
  }

  ChannelCore& ch_;
  const csptrace::ProcId by_;
  Process* const partner_;
  const ChannelTrace& tr_;
};

OpStatus ChannelCore::put_transformed(void* src, Process& p, const ChannelTrace& tr,
                                      csp::SourceLocation loc) {
  if (count_ >= cap_ && when_full(kind_) == WhenFull::Wait) return OpStatus::WouldWait;
  TransformedValues sink(*this, p.id, &p, tr);
  if (!xform()->step(src, sink)) abort_transformed(p, tr, loc);
  return OpStatus::Done;
}

void ChannelCore::refill_from_overflow() noexcept {
  ChannelTransform& x = *xform();
  while (count_ < cap_) {
    const std::size_t i = wrap(head_ + count_);
    csptrace::ProcId from = 0;
    if (!x.pop_overflow_into(storage_ + i * stride_, &from)) return;
    from_[i] = from;
    ++count_;
  }
}

// After a take made room: waiting putters come in through the transform, oldest first, until
// the buffer is full again (one that adds nothing lets the next one in). `p` took.
void ChannelCore::admit_transformed_putters(Process& p, const ChannelTrace& tr) {
  while (count_ < cap_) {
    Waiter* pw = claim_first(puts_);
    if (pw == nullptr) break;
    TransformedValues sink(*this, pw->proc()->id, &p, tr);
    const bool more = xform()->step(pw->io, sink);
    complete(pw, WaitResult::Done, &p, tr, std::nullopt);
    if (!more) {
      abort_transformed(p, tr, {});
      return;
    }
  }
  // Closed while puts waited: the completion step was left for the last of them.
  if (closed_ && first_live(puts_) == nullptr) complete_transform(&p, tr);
}

void ChannelCore::complete_transform(Process* closer, const ChannelTrace& tr) {
  TransformedValues sink(*this, closer ? closer->id : 0, closer, tr);
  xform()->complete(sink);  // runs once, however often it is called
}

// The transform is reduced: every waiting put completes (its value discarded) and the channel
// closes, running the completion step; `p`'s operation reduced it.
void ChannelCore::abort_transformed(Process& p, const ChannelTrace& tr, csp::SourceLocation loc) {
  while (Waiter* pw = claim_first(puts_)) complete(pw, WaitResult::Done, &p, tr, std::nullopt);
  if (closed_) {
    complete_transform(&p, tr);
  } else {
    close_locked(&p, loc);
  }
}

}  // namespace csp::detail
