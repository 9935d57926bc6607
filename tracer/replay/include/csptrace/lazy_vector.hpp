// LazyVector<T>: a std::vector<T> kept behind one pointer, allocated at the first element and
// freed when cleared. It costs 8 bytes where a std::vector costs 24, for lists that most
// owners never fill: the replay keeps an alt's guards in every process's state, and a run may
// have millions of processes and no alt (docs/reliability.md). Copies are deep, so a copied
// state shares nothing with its original.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

namespace csptrace {

template <class T>
class LazyVector {
 public:
  LazyVector() = default;
  LazyVector(const LazyVector& o)
      : v_(o.empty() ? nullptr : std::make_unique<std::vector<T>>(*o.v_)) {}
  LazyVector(LazyVector&&) noexcept = default;
  LazyVector& operator=(const LazyVector& o) {
    if (this != &o) *this = LazyVector(o);
    return *this;
  }
  LazyVector& operator=(LazyVector&&) noexcept = default;
  ~LazyVector() = default;

  size_t size() const { return v_ ? v_->size() : 0; }
  bool empty() const { return size() == 0; }
  const T* begin() const { return v_ ? v_->data() : nullptr; }
  const T* end() const { return v_ ? v_->data() + v_->size() : nullptr; }
  // Precondition: i < size().
  const T& operator[](size_t i) const { return (*v_)[i]; }

  void push_back(T x) {
    if (!v_) v_ = std::make_unique<std::vector<T>>();
    v_->push_back(std::move(x));
  }
  void clear() { v_.reset(); }

  bool operator==(const LazyVector& o) const {
    return size() == o.size() && (empty() || *v_ == *o.v_);
  }

 private:
  std::unique_ptr<std::vector<T>> v_;  // null while empty
};

}  // namespace csptrace
