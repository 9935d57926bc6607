// ChannelTransform: the type-erased side of a channel's transducer (core.async's
// `(chan buf xform ex-handler)`), as ChannelCore sees it. The typed side, which owns the
// transducer's state, the exception handler and the overflow of an expanding step, is
// csp/transform_chan.hpp.
//
// Lock contract: the channel calls every member under its own lock (core.async runs the
// transducer inside the channel's lock too), so the transducer's state needs no lock of its own
// and the functions it runs must not operate on the same channel (they would wait on the lock
// they are called under).
#pragma once

#include <csp/describe.hpp>

#include <cstddef>
#include <cstdint>

namespace csp::detail {

// Where a step's outputs go: the channel's buffer (and its waiting takers).
class TransformSink {
 public:
  // Takes the output value at `out` (a value of the channel's buffer type) by move.
  virtual void add(void* out) = 0;

 protected:
  ~TransformSink() = default;
};

class ChannelTransform {
 public:
  virtual ~ChannelTransform() = default;
  // Feeds one put value (an In at `in`, moved from) through the transducer; each output goes to
  // `sink`. False once the transducer is reduced: the channel then closes (core.async's abort).
  // An exception from the transducer goes to the exception handler, whose value (if any) goes
  // to `sink`; nothing escapes.
  virtual bool step(void* in, TransformSink& sink) noexcept = 0;
  // The completion step (partition_all's last group), once, when the channel closes.
  virtual void complete(TransformSink& sink) noexcept = 0;
  // The trace's preview of a put value (an In): puts carry In, the buffer holds Out.
  virtual Preview preview_input(const void* in) const = 0;

  // Values an expanding step added past a full fixed buffer, oldest first. Invariant (kept by
  // the channel): only a full buffer has an overflow.
  // Each value is kept with the id of the process that put it (`from`, for the trace).
  virtual void push_overflow(void* out, std::uint32_t from) = 0;
  // Move-constructs the oldest overflow value into the raw slot `slot`, sets *from, and drops
  // it from the overflow; false (nothing touched) when the overflow is empty.
  virtual bool pop_overflow_into(void* slot, std::uint32_t* from) = 0;
  virtual std::size_t overflow_size() const noexcept = 0;
};

}  // namespace csp::detail
