// BufferQueue: what the four buffer objects (core.async's impl/buffers.clj as values you can
// hold: fixed_buffer.hpp, dropping_buffer.hpp, sliding_buffer.hpp, promise_buffer.hpp) share —
// the values in arrival order, and remove() that refuses an empty buffer.
//
// The buffer objects are plain single-owner values (no lock: a channel's buffer is guarded by
// its channel's lock). Channels are not made from them: a channel's buffer lives in the
// channel's own allocation and its policy is one of buffer_policy.hpp's, which the trace names
// and the replay models (docs/runtime.md, "Buffer objects").
#pragma once

#include <csp/errors.hpp>

#include <cstddef>
#include <deque>
#include <utility>

namespace csp::detail {

template <class T>
class BufferQueue {
 public:
  explicit BufferQueue(std::size_t n) noexcept : n_(n) {}
  // core.async's count.
  std::size_t size() const noexcept { return q_.size(); }
  std::size_t capacity() const noexcept { return n_; }
  // The oldest value, taken out (core.async's remove!). Throws BufferEmpty when there is none.
  T remove() {
    if (q_.empty()) throw BufferEmpty("remove() on an empty buffer; check size() first");
    T v = std::move(q_.front());
    q_.pop_front();
    return v;
  }
  // core.async's close-buf!: nothing to do for these buffers.
  void close_buf() noexcept {}

 protected:
  std::deque<T> q_;
  const std::size_t n_;
};

}  // namespace csp::detail
