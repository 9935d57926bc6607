// The model's event times, about 4 bytes an event instead of 8: each block of kBlock events keeps
// the time of its first event, and each event its signed 32-bit distance from it (±2.1 s of
// nanoseconds). A time farther from its block's base (a long sleep, a clock that ran back, a
// hostile extreme) is kept whole in a side list, found by binary search.
//
// Invariants:
//  - bases_.size() == ceil(size() / kBlock); bases_[b] is the time of event b * kBlock;
//  - offsets_[i] == time(i) - bases_[i / kBlock] unless that is outside (kEscape, INT32_MAX]
//    or does not fit in 64 bits, and then offsets_[i] == kEscape and wide_ holds {i, time(i)};
//  - wide_ is sorted by index, and only appended to while the column grows.
// Thread contract: SharedColumn's. A share sees a prefix of all three columns, which appends
// never change.
#pragma once

#include <csptrace/shared_column.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

namespace csptrace {

class TimeColumn {
 public:
  static constexpr size_t kBlock = 64;

  int64_t operator[](size_t i) const {
    const int32_t o = offsets_[i];
    return o != kEscape ? bases_[i / kBlock] + o : wide_time(i);
  }
  size_t size() const { return offsets_.size(); }
  // The bytes n times take in the column, none of them kept whole.
  static size_t bytes_for(size_t n) {
    return n * sizeof(int32_t) + (n + kBlock - 1) / kBlock * sizeof(int64_t);
  }
  // Times kept whole, for tests and the memory figures.
  size_t wide_count() const { return wide_.size(); }

  TimeColumn share() const {
    TimeColumn s;
    s.offsets_ = offsets_.share();
    s.bases_ = bases_.share();
    s.wide_ = wide_.share();
    return s;
  }

  // Owner only, below (SharedColumn's contracts).
  void reserve(size_t n) {
    offsets_.reserve(n);
    bases_.reserve(n / kBlock + 1);
  }
  void push_back(int64_t t) {
    const size_t i = offsets_.size();
    if (i % kBlock == 0) bases_.push_back(t);
    int64_t d = 0;
    if (!__builtin_sub_overflow(t, bases_[i / kBlock], &d) && d > kEscape &&
        d <= std::numeric_limits<int32_t>::max()) {
      offsets_.push_back(static_cast<int32_t>(d));
      return;
    }
    offsets_.push_back(kEscape);
    wide_.push_back({i, t});
  }
  // Removes the first n <= size() times (a streaming pass drops each chunk once replayed). Whole
  // blocks go as they are; otherwise the rest is coded again from its own first block, in the
  // columns' storage. O(size()) either way, as SharedColumn::drop_front.
  void drop_front(size_t n) {
    if (n % kBlock == 0 && wide_.empty()) {  // whole blocks, no time kept whole: as they are
      offsets_.drop_front(n);
      bases_.drop_front(n / kBlock);
      return;
    }
    std::vector<int64_t> rest(size() - n);
    for (size_t k = 0; k < rest.size(); ++k) rest[k] = (*this)[n + k];
    offsets_.drop_front(offsets_.size());
    bases_.drop_front(bases_.size());
    wide_.drop_front(wide_.size());
    for (int64_t t : rest) push_back(t);
  }
  void shrink_to_fit() {
    offsets_.shrink_to_fit();
    bases_.shrink_to_fit();
    wide_.shrink_to_fit();
  }

 private:
  static constexpr int32_t kEscape = std::numeric_limits<int32_t>::min();
  struct Wide {
    uint64_t index;
    int64_t t;
  };
  int64_t wide_time(size_t i) const {
    const Wide* it = std::lower_bound(wide_.begin(), wide_.end(), uint64_t(i),
                                      [](const Wide& w, uint64_t k) { return w.index < k; });
    return it->t;  // offsets_[i] == kEscape: wide_ holds i
  }

  SharedColumn<int32_t> offsets_;
  SharedColumn<int64_t> bases_;
  SharedColumn<Wide> wide_;
};

}  // namespace csptrace
