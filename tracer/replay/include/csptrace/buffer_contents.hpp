// The values sitting in a channel's buffer at one step of a replay (see replay_state.hpp).
#pragma once

#include <csptrace/trace_model.hpp>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace csptrace {

// A value sitting in a channel's buffer.
struct BufferedValue {
  Value value;
  uint32_t putter = kNone;     // process that put it
  size_t event = kNone;        // its buf_put event
  bool operator==(const BufferedValue&) const = default;
};

// The values in a channel's buffer, oldest first: a vector whose front moves on pop_front, so
// taking from the front is amortised O(1) and an empty buffer allocates nothing (a state, and so
// every checkpoint, holds one per channel).
class BufferContents {
 public:
  using const_iterator = std::vector<BufferedValue>::const_iterator;
  size_t size() const { return items_.size() - head_; }
  bool empty() const { return size() == 0; }
  const BufferedValue& operator[](size_t i) const { return items_[head_ + i]; }
  const BufferedValue& front() const { return items_[head_]; }
  const_iterator begin() const { return items_.begin() + static_cast<std::ptrdiff_t>(head_); }
  const_iterator end() const { return items_.end(); }

  void push_back(const BufferedValue& v) { items_.push_back(v); }
  // Precondition: !empty().
  void pop_front() {
    if (++head_ == items_.size()) {
      items_.clear();
      head_ = 0;
    } else if (head_ >= 32 && head_ * 2 >= items_.size()) {
      items_.erase(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
  }
  bool operator==(const BufferContents& o) const {
    return std::equal(begin(), end(), o.begin(), o.end());
  }

 private:
  std::vector<BufferedValue> items_;
  size_t head_ = 0;  // items_[0, head_) are taken
};

}  // namespace csptrace
