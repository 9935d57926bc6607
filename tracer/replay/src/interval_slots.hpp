// The state intervals of every process while the replay writes them, coded as they come: about
// 3 bytes an interval instead of the 8 of an IntervalRecord, so that a replay of 100 M events
// holds 0.3 GB of intervals at its peak, not 0.8 (docs/performance.md, "Records coded as the
// replay writes them"). finish_into() then packs them into the Timeline's form.
//
// Layout: process p owns the bytes [region_at_[p], region_at_[p + 1]) of one reservation
// (address space; only the pages written are memory), sized for the most intervals p can get,
// one per event that names it. A process with room for at most kBlock intervals writes them
// there as (cause, look) pairs of 4-byte words. A larger region begins with a word, the offset of
// its pending intervals in the reservation once it has coded a block, then holds coded blocks of
// kBlock intervals, then the pending ones, at most kBlock pairs. A block is a header (its first
// cause, the byte widths of its cause distances and look indices) followed by kBlock distances from
// that first cause (2 bytes, or 4 when they do not fit) and kBlock indices into looks_, the run's
// distinct looks in the order first coded (1, 2 or 4 bytes). So the replay keeps 12 bytes a
// process, as before the coding.
//
// Invariants: used_[p] intervals of p were written, (used_[p] - 1) / kBlock of them coded
// (none when used_[p] == 0), so the last one is always pending; only a region larger than
// kBlock pairs (coding(p)) codes any; every write lies inside its process's region.
#pragma once

#include <csptrace/index_column.hpp>
#include <csptrace/packed_indices.hpp>
#include <csptrace/shared_column.hpp>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <vector>

namespace csptrace {

class IntervalSlots {
 public:
  static constexpr uint32_t kBlock = 64;

  // most[p]: at most this many intervals of p will be appended.
  explicit IntervalSlots(const std::vector<uint64_t>& most);

  uint32_t count(uint32_t p) const { return used_[p]; }
  // Precondition: count(p) > 0.
  uint32_t last_look(uint32_t p) const {
    return word(pending_at(p) + kPendingBytes * (pending_count(used_[p]) - 1) + 4);
  }
  // Precondition: cause is above p's previous one. Throws std::logic_error, with nothing
  // written, when p's region has no room left for it (never for most[p] intervals).
  void append(uint32_t p, uint32_t cause, uint32_t look);

  // Every process's intervals, process after process, into the timeline's columns: their
  // causes, their looks as indices into `looks`, and at[p] = p's first. Gives the slots' pages
  // back as it reads them, so this costs the packed form and a megabyte, not a second copy.
  void finish_into(PackedIndices& causes, IndexColumn& look_ix, std::vector<uint32_t>& looks,
                   std::vector<uint32_t>& at) &&;

 private:
  struct Header {
    uint32_t first;
    uint8_t cause_width;
    uint8_t look_width;
    uint16_t unused;
  };
  static constexpr size_t kMaxBlockBytes = sizeof(Header) + kBlock * 8;
  static constexpr size_t kPendingBytes = 8;  // a cause and a look

  static uint32_t pending_count(uint32_t used) { return used == 0 ? 0 : (used - 1) % kBlock + 1; }
  bool coding(uint32_t p) const {
    return region_at_[p + 1] - region_at_[p] > kBlock * kPendingBytes;
  }
  uint64_t pending_at(uint32_t p) const;
  uint32_t word(uint64_t at) const {
    uint32_t w;
    std::memcpy(&w, bytes_ + at, sizeof w);
    return w;
  }
  // p's kBlock pending intervals into a block; returns where the next pending one goes.
  uint64_t code_block(uint32_t p);
  uint32_t look_index(uint32_t look);

  SharedColumn<uint64_t> store_;  // the reservation, in words for alignment
  char* bytes_ = nullptr;
  std::vector<uint64_t> region_at_;
  std::vector<uint32_t> used_;
  std::vector<uint32_t> looks_;
  std::unordered_map<uint32_t, uint32_t> look_at_;
  // A few recent looks and their indices, in front of look_at_ (a run has few distinct looks,
  // and a hash lookup for every interval would be most of the coding's time).
  static constexpr size_t kRecent = 16;
  static constexpr uint32_t kNoIndex = UINT32_MAX;
  uint32_t recent_look_[kRecent] = {};
  uint32_t recent_ix_[kRecent];  // kNoIndex where no look is kept
};

}  // namespace csptrace
