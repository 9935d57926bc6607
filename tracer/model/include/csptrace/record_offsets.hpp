// Where each event's record starts in the model's record bytes, about 2 bytes an event instead
// of 4: each block of kBlock events keeps its first record's offset, and each event its 16-bit
// distance from it. A record is at most binary::kMaxRecordBytes (320) long, so a block's records
// span less than 64 × 320 = 20 480 bytes and every distance fits.
//
// Invariants: bases_.size() == ceil(size() / kBlock); bases_[b] is the offset of event
// b * kBlock; offset(i) == bases_[i / kBlock] + distances_[i].
// Thread contract: SharedColumn's. A share sees a prefix of both columns, which appends never
// change.
#pragma once

#include <csptrace/shared_column.hpp>

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace csptrace {

class RecordOffsets {
 public:
  static constexpr size_t kBlock = 64;

  uint32_t operator[](size_t i) const { return bases_[i / kBlock] + distances_[i]; }
  size_t size() const { return distances_.size(); }

  RecordOffsets share() const {
    RecordOffsets s;
    s.distances_ = distances_.share();
    s.bases_ = bases_.share();
    return s;
  }

  // Owner only, below (SharedColumn's contracts).
  void reserve(size_t n) {
    distances_.reserve(n);
    bases_.reserve(n / kBlock + 1);
  }
  // Precondition: offsets are appended in increasing order, each record at most 320 bytes long
  // (a distance that does not fit 16 bits is a logic error).
  void push_back(uint32_t offset) {
    const size_t i = distances_.size();
    if (i % kBlock == 0) bases_.push_back(offset);
    const uint32_t d = offset - bases_[i / kBlock];
    if (d > UINT16_MAX) throw std::logic_error("record offsets: a block's records pass 64 KiB");
    distances_.push_back(static_cast<uint16_t>(d));
  }
  // Removes the first n <= size() offsets and lowers the rest by `by` (the bytes of the records
  // dropped with them). The rest is coded again from its own first block, as TimeColumn does.
  void drop_front(size_t n, uint32_t by) {
    std::vector<uint32_t> rest(size() - n);
    for (size_t k = 0; k < rest.size(); ++k) rest[k] = (*this)[n + k] - by;
    distances_.drop_front(distances_.size());
    bases_.drop_front(bases_.size());
    for (uint32_t at : rest) push_back(at);
  }
  void shrink_to_fit() {
    distances_.shrink_to_fit();
    bases_.shrink_to_fit();
  }
  // The bytes n offsets take.
  static size_t bytes_for(size_t n) {
    return n * sizeof(uint16_t) + (n + kBlock - 1) / kBlock * sizeof(uint32_t);
  }

 private:
  SharedColumn<uint16_t> distances_;
  SharedColumn<uint32_t> bases_;
};

}  // namespace csptrace
