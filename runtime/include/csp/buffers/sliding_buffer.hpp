// SlidingBuffer<T>: core.async's sliding-buffer as an object. Never full(); add() to a buffer
// holding n values drops the oldest one to make room.
#pragma once

#include <csp/buffers/buffer_queue.hpp>

namespace csp {

template <class T>
class SlidingBuffer : public detail::BufferQueue<T> {
 public:
  explicit SlidingBuffer(std::size_t n) noexcept : detail::BufferQueue<T>(n) {}
  bool full() const noexcept { return false; }
  void add(T v) {
    if (this->n_ == 0) return;
    if (this->q_.size() >= this->n_) this->q_.pop_front();
    this->q_.push_back(std::move(v));
  }
};

}  // namespace csp
