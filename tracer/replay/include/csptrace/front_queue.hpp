// A queue of values, oldest first, for the replay's per-channel state (buffer contents, waiting
// putters and takers): a vector whose front moves on pop_front, so taking from the front is
// amortised O(1) (a vector's erase(begin()) made serving n waiters O(n^2)) and an empty queue
// allocates nothing (a state, and so every checkpoint, holds several per channel).
//
// Invariant: items_[0, head_) are taken; size() == items_.size() - head_; when every item is
// taken the storage is released down to kKeptBytes (head_ == 0, items_ empty); when half or
// more is taken (and at least 32 items) the taken prefix is compacted away, and the capacity
// trimmed when it is more than four times what is left: a queue of millions served in order
// gives its memory back as it empties.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace csptrace {

template <class T>
class FrontQueue {
 public:
  using const_iterator = typename std::vector<T>::const_iterator;
  size_t size() const { return items_.size() - head_; }
  bool empty() const { return size() == 0; }
  const T& operator[](size_t i) const { return items_[head_ + i]; }
  const T& front() const { return items_[head_]; }
  const_iterator begin() const { return items_.begin() + static_cast<std::ptrdiff_t>(head_); }
  const_iterator end() const { return items_.end(); }

  void push_back(const T& v) { items_.push_back(v); }
  // A small storage stays for the next waiter (a channel whose queue fills and empties at every
  // rendezvous would allocate each time); a large one goes: a state keeps its queues for long.
  void clear() {
    if (items_.capacity() * sizeof(T) > kKeptBytes)
      std::vector<T>().swap(items_);
    else
      items_.clear();
    head_ = 0;
  }
  // Precondition: !empty().
  void pop_front() {
    if (++head_ == items_.size()) {
      clear();
    } else if (head_ >= 32 && head_ * 2 >= items_.size()) {
      items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
      if (items_.capacity() > 4 * items_.size()) items_.shrink_to_fit();
    }
  }
  // Removes the first item matching `pred`: O(1) amortised at the front (the usual case, a
  // queue served in order), O(size) elsewhere. False when none matches.
  template <class Pred>
  bool remove_first(Pred pred) {
    auto it = std::find_if(items_.begin() + static_cast<std::ptrdiff_t>(head_), items_.end(), pred);
    if (it == items_.end()) return false;
    if (it == items_.begin() + static_cast<std::ptrdiff_t>(head_))
      pop_front();
    else
      items_.erase(it);
    return true;
  }
  bool operator==(const FrontQueue& o) const {
    return std::equal(begin(), end(), o.begin(), o.end());
  }

 private:
  static constexpr size_t kKeptBytes = 4096;
  std::vector<T> items_;
  size_t head_ = 0;
};

}  // namespace csptrace
