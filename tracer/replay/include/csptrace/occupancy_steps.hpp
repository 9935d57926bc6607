// One channel's occupancy steps as the timeline stores them: each step's event and, in one
// 32-bit word, the channel's level (< 2^16), waiting putters (< 2^8) and takers (< 2^8), so 8
// bytes a step. A channel whose counts outgrow those widths (a buffer of 100 000, a million
// waiting putters) keeps every step whole, 16 bytes, from then on.
//
// Invariant: w_ holds size() steps of 2 words each (event, packed counts) when !wide_, of 4
// (event, level, putters, takers) when wide_.
#pragma once

#include <csptrace/huge_page_allocator.hpp>

#include <cstddef>
#include <cstdint>

namespace csptrace {

struct OccupancyCounts {
  uint32_t level = 0, putters = 0, takers = 0;
  bool operator==(const OccupancyCounts&) const = default;
};

class OccupancySteps {
 public:
  size_t size() const { return w_.size() >> shift(); }
  bool empty() const { return w_.empty(); }
  // Precondition for these: k < size().
  uint32_t event(size_t k) const { return w_[k << shift()]; }
  OccupancyCounts counts(size_t k) const {
    const uint32_t* s = w_.data() + (k << shift());
    if (wide_) return {s[1], s[2], s[3]};
    return {s[1] & 0xFFFF, (s[1] >> 16) & 0xFF, s[1] >> 24};
  }

  void reserve(size_t steps) { w_.reserve(steps << shift()); }
  void push_back(uint32_t event, const OccupancyCounts& c);
  // Precondition: !empty(). The last step becomes (event, c).
  void replace_back(uint32_t event, const OccupancyCounts& c);
  size_t memory_bytes() const { return w_.size() * sizeof(uint32_t); }

 private:
  unsigned shift() const { return wide_ ? 2 : 1; }
  static bool fits(const OccupancyCounts& c) {
    return c.level <= 0xFFFF && c.putters <= 0xFF && c.takers <= 0xFF;
  }
  void widen();  // every step to the whole form

  HugeVector<uint32_t> w_;
  bool wide_ = false;
};

}  // namespace csptrace
