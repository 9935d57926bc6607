// PromiseBuffer<T>: core.async's promise-buffer as an object. Keeps the first value added
// forever: size() is 1 from then on, remove() hands out copies, later adds are dropped, and
// close_buf() keeps the value (Clojure's buffers_test.clj; ClojureScript's clears it).
#pragma once

#include <csp/errors.hpp>

#include <cstddef>
#include <optional>
#include <utility>

namespace csp {

template <class T>
class PromiseBuffer {
 public:
  std::size_t size() const noexcept { return value_ ? 1 : 0; }
  bool full() const noexcept { return false; }
  void add(T v) {
    if (!value_) value_.emplace(std::move(v));
  }
  // A copy of the value; throws BufferEmpty before the first add().
  T remove() const {
    if (!value_) throw BufferEmpty("remove() on a promise buffer that has no value yet");
    return *value_;
  }
  void close_buf() noexcept {}

 private:
  std::optional<T> value_;
};

}  // namespace csp
