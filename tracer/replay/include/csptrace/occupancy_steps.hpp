// One channel's occupancy steps as the replay writes them, in one of three forms:
//  - coded, about 3 bytes a step: blocks of kBlock steps, each block kBlockWords words: the
//    block's first event, then each step's event as a 16-bit distance from it, then each step's
//    counts as a byte index into dict_, the channel's distinct counts (at most kMostCounts, each
//    one word as in the narrow form). A busy channel (a ping-pong's: three counts, a step every
//    few events) takes this form once it has kBlock steps, so that a replay of 100 M events holds
//    0.2 GB of steps at its peak, not 0.5;
//  - narrow: each step's event and, in one 32-bit word, the channel's level (< 2^16), waiting
//    putters (< 2^8) and takers (< 2^8), 8 bytes a step. Every channel starts so, and a coded
//    channel whose next step does not fit a block (a distance of 65 536 events or more, a new
//    count past kMostCounts, counts that outgrow a word) is decoded back to it for good;
//  - wide: every step whole, 16 bytes (a buffer of 100 000, a million waiting putters), once a
//    step's counts outgrow a word.
//
// Invariants: size() == n_; in the narrow and wide forms w_ holds n_ steps of 2 or 4 words; in
// the coded form w_ holds ceil(n_ / kBlock) blocks, the last one's unused steps undefined, each
// step's event at least its block's first, its counts' index below dict_.size(), and dict_ is
// empty in the other forms. Events never decrease from one step to the next.
#pragma once

#include <csptrace/huge_page_allocator.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

namespace csptrace {

struct OccupancyCounts {
  uint32_t level = 0, putters = 0, takers = 0;
  bool operator==(const OccupancyCounts&) const = default;
};

class OccupancySteps {
 public:
  static constexpr size_t kBlock = 64;
  static constexpr size_t kMostCounts = 16;
  // The first event, kBlock 2-byte distances, kBlock 1-byte indices.
  static constexpr size_t kBlockWords = 1 + kBlock * 2 / 4 + kBlock / 4;

  size_t size() const { return n_; }
  bool empty() const { return n_ == 0; }
  bool coded() const { return form_ == Form::Coded; }
  // Precondition for these: k < size().
  uint32_t event(size_t k) const {
    if (form_ != Form::Coded) return w_[k << shift()];
    const uint32_t* b = w_.data() + k / kBlock * kBlockWords;
    uint16_t d;
    std::memcpy(&d, reinterpret_cast<const char*>(b + 1) + 2 * (k % kBlock), sizeof d);
    return b[0] + d;
  }
  OccupancyCounts counts(size_t k) const {
    if (form_ == Form::Coded) return unpack(dict_[index_of(k)]);
    const uint32_t* s = w_.data() + (k << shift());
    if (form_ == Form::Wide) return {s[1], s[2], s[3]};
    return unpack(s[1]);
  }

  // Room for `steps` steps in the narrow form (address space for a big reserve: only the
  // pages written are memory), which is also room for them coded.
  void reserve(size_t steps) { w_.reserve(steps << shift()); }
  // Precondition: event is at least the last step's.
  void push_back(uint32_t event, const OccupancyCounts& c);
  // Precondition: !empty(), event is at least the step before the last's. The last step
  // becomes (event, c).
  void replace_back(uint32_t event, const OccupancyCounts& c);
  size_t memory_bytes() const { return (w_.size() + dict_.size()) * sizeof(uint32_t); }

 private:
  enum class Form : uint8_t { Narrow, Wide, Coded };
  unsigned shift() const { return form_ == Form::Wide ? 2 : 1; }
  static bool fits(const OccupancyCounts& c) {
    return c.level <= 0xFFFF && c.putters <= 0xFF && c.takers <= 0xFF;
  }
  static uint32_t pack(const OccupancyCounts& c) {
    return c.level | c.putters << 16 | c.takers << 24;
  }
  static OccupancyCounts unpack(uint32_t w) { return {w & 0xFFFF, (w >> 16) & 0xFF, w >> 24}; }
  uint8_t index_of(size_t k) const {
    return reinterpret_cast<const uint8_t*>(w_.data() + k / kBlock * kBlockWords + 1 +
                                            kBlock / 2)[k % kBlock];
  }
  // Writes step k of the coded form if it fits; false, with nothing changed, if not.
  bool put_coded(size_t k, uint32_t event, const OccupancyCounts& c);
  void code();    // narrow, exactly kBlock steps: to the coded form if they fit it
  void decode();  // coded to narrow, for good
  void widen();   // narrow to wide

  HugeVector<uint32_t> w_;
  std::vector<uint32_t> dict_;
  size_t n_ = 0;
  Form form_ = Form::Narrow;
  bool was_coded_ = false;  // its first block was tried: a channel is coded once at most
};

}  // namespace csptrace
