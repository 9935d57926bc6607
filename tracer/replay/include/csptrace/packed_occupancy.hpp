// The occupancy steps of every channel of a timeline, packed once the replay has written them
// (OccupancySteps is the form they grow in): about 3 bytes a step instead of 8 or 16.
//
// The channels' steps lie in one list, channel after channel. A step's event is kept in a
// PackedIndices (about 2 bytes); its counts as an index into its channel's dictionary, the
// distinct counts the channel ever had, sorted (an IndexColumn: 1 byte while no channel has more
// than 254 distinct counts). A ping-pong channel has three; a channel under a million waiting
// putters has a million, and then its steps cost 4 bytes of index and its dictionary 12 bytes a
// distinct count, about what the whole form cost.
//
// Invariants: channel c's steps are [step_at_[c], step_at_[c + 1]) of events_ and look_ix_, its
// dictionary [look_at_[c], look_at_[c + 1]) of looks_, sorted and without repeats; a step's
// look index is below its channel's dictionary size. Read only once finish() has run.
#pragma once

#include <csptrace/index_column.hpp>
#include <csptrace/occupancy_steps.hpp>
#include <csptrace/packed_indices.hpp>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace csptrace {

class PackedOccupancy {
 public:
  // Building: add each channel's steps, channels in order, then finish().
  void reserve(size_t channels, size_t steps);
  void add_channel(const OccupancySteps& steps);
  void finish();

  size_t channels() const { return step_at_.size() - 1; }
  // Preconditions: c < channels(), k < size(c).
  size_t size(uint32_t c) const { return step_at_[c + 1] - step_at_[c]; }
  uint32_t event(uint32_t c, size_t k) const { return events_[step_at_[c] + k]; }
  OccupancyCounts counts(uint32_t c, size_t k) const {
    return looks_[look_at_[c] + look_ix_[step_at_[c] + k]];
  }

  size_t memory_bytes() const;

 private:
  PackedIndices events_;
  IndexColumn look_ix_;
  std::vector<OccupancyCounts> looks_;
  std::vector<uint64_t> step_at_{0};
  std::vector<uint64_t> look_at_{0};
};

}  // namespace csptrace
