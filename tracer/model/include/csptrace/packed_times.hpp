// The times of events a streaming reader no longer holds (TraceModelBuilder::retire_before),
// delta-coded: one or two bytes an event on a busy run instead of eight, so that a pass over a
// hundred million events keeps every event's time in about 150 MB.
//
// Invariant: blocks_[b] holds the time of event b * kBlock and the offset in bytes_ of the
// delta of event b * kBlock + 1; each delta is the zigzag varint of the difference to the event
// before (times may run backwards in a hostile trace; the arithmetic wraps, never overflows).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace csptrace {

class PackedTimes {
 public:
  void push_back(int64_t t);
  // Time of event i. Precondition: i < size(). O(kBlock).
  int64_t operator[](size_t i) const;
  size_t size() const { return n_; }
  size_t memory_bytes() const;

 private:
  static constexpr size_t kBlock = 64;
  struct Block {
    int64_t first;  // time of the block's first event
    uint64_t at;    // offset of the next event's delta in bytes_
  };
  std::vector<Block> blocks_;
  std::vector<uint8_t> bytes_;
  int64_t last_ = 0;
  size_t n_ = 0;
};

}  // namespace csptrace
