// A read-only list of 32-bit indices (event indices, mostly) in about 2 bytes each: blocks of
// kBlock entries, each entry a 16-bit distance from its block's smallest; a block whose entries
// lie 65 536 or more apart (indices far apart, or two runs meeting in a block) keeps them whole.
// For lists that are made once and then read at random: the viewer's lanes of a whole trace,
// the timeline's state intervals.
//
// Invariants: entry k is blocks_[b].base + distances_[k] for its block b = k / kBlock when
// blocks_[b].wide_at == kNarrow, else wide_[blocks_[b].wide_at + k % kBlock]; every block but
// the last is full, and pending_ holds the entries of a last block not yet coded (none after
// finish()).
#pragma once

#include <csptrace/huge_page_allocator.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace csptrace {

class PackedIndices {
 public:
  static constexpr size_t kBlock = 64;

  PackedIndices() = default;
  explicit PackedIndices(std::span<const uint32_t> all);

  // Building: reserve (optional), push_back each entry in order, then finish().
  void reserve(size_t n);
  void push_back(uint32_t v) {
    pending_.push_back(v);
    if (pending_.size() == kBlock) code_pending();
  }
  // Gives back what reserve() asked for beyond the entries pushed (nothing to copy when it
  // asked for exactly these).
  void finish() {
    if (!pending_.empty()) code_pending();
    pending_.shrink_to_fit();
    wide_.shrink_to_fit();
    distances_.shrink_to_fit();
    blocks_.shrink_to_fit();
  }

  // Precondition: finished, k < size().
  uint32_t operator[](size_t k) const {
    const Block& b = blocks_[k / kBlock];
    return b.wide_at == kNarrow ? b.base + distances_[k] : wide_[b.wide_at + k % kBlock];
  }
  size_t size() const { return distances_.size(); }
  size_t memory_bytes() const {
    return distances_.capacity() * sizeof(uint16_t) + blocks_.capacity() * sizeof(Block) +
           wide_.capacity() * sizeof(uint32_t);
  }

 private:
  static constexpr uint32_t kNarrow = UINT32_MAX;
  struct Block {
    uint32_t base = 0;           // the smallest entry of the block
    uint32_t wide_at = kNarrow;  // where a wide block's entries start in wide_
  };
  void code_pending();

  HugeVector<uint16_t> distances_;
  std::vector<Block> blocks_;
  std::vector<uint32_t> wide_;
  std::vector<uint32_t> pending_;
};

}  // namespace csptrace
