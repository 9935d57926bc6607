// A lane's events as LaneIndex hands them out: event indices, by time, in a read-only
// random-access list over either a plain array (the lists of an index that grows while a trace
// is followed) or csptrace::PackedIndices (the lanes of an index built from a whole model,
// about 2 bytes an entry instead of 4). Its iterators give values, like std::vector<bool>'s, and
// are random access, so std::lower_bound and friends search it in O(log n).
#pragma once

#include <csptrace/packed_indices.hpp>

#include <algorithm>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <span>
#include <vector>

namespace cspview {

class LaneList {
 public:
  class iterator;

  LaneList() = default;
  // Implicit: every list of event indices by time (search matches, marks) is a lane to
  // visible() and fold().
  // visible() and fold(). Templates that take exactly these types, so that copying a LaneList
  // never asks whether it converts to a span (which would ask for its iterator's operations
  // before that class is complete).
  template <class Plain>
  requires std::same_as<Plain, std::span<const uint32_t>> ||
      std::same_as<Plain, std::vector<uint32_t>>
      LaneList(const Plain& plain) : plain_(plain.data()), n_(plain.size()) {}
  // Entries [first, first + n) of packed, which outlives the list.
  LaneList(const csptrace::PackedIndices& packed, size_t first, size_t n)
      : packed_(&packed), first_(first), n_(n) {}

  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  // Precondition: k < size(); front() and back() need a list that is not empty.
  uint32_t operator[](size_t k) const { return packed_ ? (*packed_)[first_ + k] : plain_[k]; }
  uint32_t front() const { return (*this)[0]; }
  uint32_t back() const { return (*this)[n_ - 1]; }
  // Entries [off, off + n) (n clipped to what there is); off <= size().
  LaneList subspan(size_t off, size_t n = SIZE_MAX) const;
  iterator begin() const;
  iterator end() const;

 private:
  const uint32_t* plain_ = nullptr;
  const csptrace::PackedIndices* packed_ = nullptr;
  size_t first_ = 0;
  size_t n_ = 0;
};

class LaneList::iterator {
 public:
  using iterator_category = std::random_access_iterator_tag;
  using value_type = uint32_t;
  using difference_type = std::ptrdiff_t;
  using reference = uint32_t;
  using pointer = void;
  iterator() = default;
  iterator(const LaneList& l, size_t k) : l_(l), k_(k) {}
  uint32_t operator*() const { return l_[k_]; }
  uint32_t operator[](difference_type d) const { return l_[size_t(difference_type(k_) + d)]; }
  iterator& operator++() { return ++k_, *this; }
  iterator operator++(int) { return {l_, k_++}; }
  iterator& operator--() { return --k_, *this; }
  iterator operator--(int) { return {l_, k_--}; }
  iterator& operator+=(difference_type d) { return k_ = size_t(difference_type(k_) + d), *this; }
  iterator& operator-=(difference_type d) { return *this += -d; }
  friend iterator operator+(iterator i, difference_type d) { return i += d; }
  friend iterator operator+(difference_type d, iterator i) { return i += d; }
  friend iterator operator-(iterator i, difference_type d) { return i -= d; }
  friend difference_type operator-(const iterator& a, const iterator& b) {
    return difference_type(a.k_) - difference_type(b.k_);
  }
  bool operator==(const iterator& o) const { return k_ == o.k_; }
  auto operator<=>(const iterator& o) const { return k_ <=> o.k_; }
  // Position in its list.
  size_t index() const { return k_; }

 private:
  LaneList l_;  // a copy: the list's storage outlives it, the list object need not
  size_t k_ = 0;
};

// Out of the class: a LaneList is copied here, which asks whether it converts to a span, which
// asks for its iterator, complete only now.
inline LaneList LaneList::subspan(size_t off, size_t n) const {
  LaneList s = *this;
  s.n_ = std::min(n, n_ - off);
  if (packed_)
    s.first_ += off;
  else
    s.plain_ += off;
  return s;
}
inline LaneList::iterator LaneList::begin() const { return {*this, 0}; }
inline LaneList::iterator LaneList::end() const { return {*this, n_}; }

}  // namespace cspview
