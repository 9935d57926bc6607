// FixedBuffer<T>: core.async's fixed-buffer as an object. Holds n values; full() once it holds
// n, but add() does not refuse more (core.async's add! does not check: the channel asks full?
// first, and an expanding transducer adds past it).
#pragma once

#include <csp/buffers/buffer_queue.hpp>

namespace csp {

template <class T>
class FixedBuffer : public detail::BufferQueue<T> {
 public:
  explicit FixedBuffer(std::size_t n) noexcept : detail::BufferQueue<T>(n) {}
  bool full() const noexcept { return this->q_.size() >= this->n_; }
  void add(T v) { this->q_.push_back(std::move(v)); }
};

}  // namespace csp
