// A read-only random-access list whose elements are made on demand from compact records (the
// timeline's intervals, occupancy steps and rendezvous): element k is make(k). Iterators give
// values, not references, so the classic algorithms that need forward iterators do not apply;
// search one with partition_index.
#pragma once

#include <cstddef>
#include <iterator>
#include <utility>

namespace csptrace {

// The first index k in [lo, hi) with !pred(k), for a pred true on a prefix of the range and
// false after it (hi if it is true everywhere). O(log(hi - lo)) calls of pred.
template <class Pred>
size_t partition_index(size_t lo, size_t hi, Pred pred) {
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (pred(mid))
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

template <class Make>
class TimelineList {
 public:
  using value_type = decltype(std::declval<const Make&>()(size_t{}));

  class iterator {
   public:
    using iterator_category = std::input_iterator_tag;
    using iterator_concept = std::random_access_iterator_tag;
    using value_type = TimelineList::value_type;
    using difference_type = std::ptrdiff_t;
    using reference = value_type;
    using pointer = void;
    iterator() = default;
    iterator(const Make* make, size_t k) : make_(make), k_(k) {}
    value_type operator*() const { return (*make_)(k_); }
    iterator& operator++() {
      ++k_;
      return *this;
    }
    iterator operator++(int) {
      iterator old = *this;
      ++k_;
      return old;
    }
    bool operator==(const iterator& o) const { return k_ == o.k_; }
    size_t index() const { return k_; }

   private:
    const Make* make_ = nullptr;
    size_t k_ = 0;
  };

  TimelineList(Make make, size_t n) : make_(make), n_(n) {}
  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  // Precondition: k < size(); front() and back() need a list that is not empty.
  value_type operator[](size_t k) const { return make_(k); }
  value_type front() const { return make_(0); }
  value_type back() const { return make_(n_ - 1); }
  iterator begin() const { return {&make_, 0}; }
  iterator end() const { return {&make_, n_}; }

 private:
  Make make_;
  size_t n_;
};

}  // namespace csptrace
