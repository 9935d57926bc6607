// DroppingBuffer<T>: core.async's dropping-buffer as an object. Never full(); add() to a buffer
// holding n values drops the new one.
#pragma once

#include <csp/buffers/buffer_queue.hpp>

namespace csp {

template <class T>
class DroppingBuffer : public detail::BufferQueue<T> {
 public:
  explicit DroppingBuffer(std::size_t n) noexcept : detail::BufferQueue<T>(n) {}
  bool full() const noexcept { return false; }
  void add(T v) {
    if (this->q_.size() < this->n_) this->q_.push_back(std::move(v));
  }
};

}  // namespace csp
