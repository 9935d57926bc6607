// Where each event's record starts, about 2 bytes an event instead of 8: each block of kBlock
// events keeps its first record's offset, and each event its 16-bit distance from it. In the
// model's own record bytes a record is at most binary::kMaxRecordBytes (320) long, so a block's
// records span less than 64 × 320 = 20 480 bytes and every distance fits. Offsets into a binary
// file (records left in the file, file_records.hpp) may also jump over a chunk's strings: a
// distance that does not fit is kept whole, apart (kFar marks it), which only the rare block
// that straddles a chunk with many strings needs.
//
// Invariants: bases_.size() == ceil(size() / kBlock); bases_[b] is the offset of event
// b * kBlock; offset(i) == bases_[i / kBlock] + distances_[i] unless distances_[i] == kFar, when
// it is the offset of the entry of far_ whose event is i (far_ is sorted by event).
// Thread contract: SharedColumn's. A share sees a prefix of the columns, which appends never
// change.
#pragma once

#include <csptrace/shared_column.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

namespace csptrace {

class RecordOffsets {
 public:
  static constexpr size_t kBlock = 64;

  uint64_t operator[](size_t i) const {
    const uint16_t d = distances_[i];
    return d != kFar ? bases_[i / kBlock] + d : far(i);
  }
  size_t size() const { return distances_.size(); }

  RecordOffsets share() const {
    RecordOffsets s;
    s.distances_ = distances_.share();
    s.bases_ = bases_.share();
    s.far_ = far_.share();
    return s;
  }

  // Owner only, below (SharedColumn's contracts).
  void reserve(size_t n) {
    distances_.reserve(n);
    bases_.reserve(n / kBlock + 1);
  }
  // Precondition: offsets are appended in increasing order.
  void push_back(uint64_t offset) {
    const size_t i = distances_.size();
    if (i % kBlock == 0) bases_.push_back(offset);
    const uint64_t d = offset - bases_[i / kBlock];
    if (d >= kFar) {
      far_.push_back({i, offset});
      distances_.push_back(kFar);
    } else {
      distances_.push_back(static_cast<uint16_t>(d));
    }
  }
  // Removes the first n <= size() offsets and lowers the rest by `by` (the bytes of the records
  // dropped with them). The rest is coded again from its own first block, as TimeColumn does.
  void drop_front(size_t n, uint64_t by) {
    std::vector<uint64_t> rest(size() - n);
    for (size_t k = 0; k < rest.size(); ++k) rest[k] = (*this)[n + k] - by;
    distances_.drop_front(distances_.size());
    bases_.drop_front(bases_.size());
    far_.drop_front(far_.size());
    for (uint64_t at : rest) push_back(at);
  }
  void shrink_to_fit() {
    distances_.shrink_to_fit();
    bases_.shrink_to_fit();
    far_.shrink_to_fit();
  }
  // The bytes n offsets take, none of them far.
  static size_t bytes_for(size_t n) {
    return n * sizeof(uint16_t) + (n + kBlock - 1) / kBlock * sizeof(uint64_t);
  }
  // The bytes the far offsets take besides.
  size_t far_bytes() const { return far_.size() * sizeof(Far); }

 private:
  static constexpr uint16_t kFar = UINT16_MAX;
  struct Far {
    uint64_t event, offset;
  };
  uint64_t far(size_t i) const {
    const Far* it = std::lower_bound(far_.begin(), far_.end(), uint64_t{i},
                                     [](const Far& f, uint64_t e) { return f.event < e; });
    return it->offset;
  }

  SharedColumn<uint16_t> distances_;
  SharedColumn<uint64_t> bases_;
  SharedColumn<Far> far_;
};

}  // namespace csptrace
