// The occupancy steps of every channel of a timeline, packed once the replay has written them
// (OccupancySteps is the form they grow in): about 3 bytes a step instead of 8 or 16.
//
// The packed channels' steps lie in one list, channel after channel. A step's event is kept in
// a PackedIndices (about 2 bytes); its counts as an index into its channel's dictionary, the
// distinct counts the channel ever had, sorted (an IndexColumn: 1 byte while no channel has more
// than 254 distinct counts). A ping-pong channel has three. A channel whose distinct counts are
// many and most of its steps (a queue of a million waiting putters, a buffer filled with a
// million values) would pay more for its dictionary than it saves, so it keeps its steps as
// they were written: its OccupancySteps, moved, not copied.
//
// Invariants: a packed channel c has whole_at_[c] == kPacked, its steps are [step_at_[c],
// step_at_[c + 1]) of events_ and look_ix_, its dictionary [look_at_[c], look_at_[c + 1]) of
// looks_, sorted and without repeats, and a step's look index is below its dictionary's size.
// A channel kept whole has its steps in whole_[whole_at_[c]] and no entries in events_,
// look_ix_ or looks_ (step_at_ and look_at_ do not advance). Read only once finish() has run.
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
  // Building: add each channel's steps, channels in order, then finish(). reserve's steps may
  // count channels that end up kept whole: finish() gives the room they did not use back.
  void reserve(size_t channels, size_t steps);
  void add_channel(OccupancySteps&& steps);
  void finish();

  size_t channels() const { return whole_at_.size(); }
  // Preconditions: c < channels(), k < size(c).
  size_t size(uint32_t c) const {
    return whole_at_[c] == kPacked ? step_at_[c + 1] - step_at_[c] : whole_[whole_at_[c]].size();
  }
  uint32_t event(uint32_t c, size_t k) const {
    return whole_at_[c] == kPacked ? events_[step_at_[c] + k] : whole_[whole_at_[c]].event(k);
  }
  OccupancyCounts counts(uint32_t c, size_t k) const {
    return whole_at_[c] == kPacked ? looks_[look_at_[c] + look_ix_[step_at_[c] + k]]
                                   : whole_[whole_at_[c]].counts(k);
  }
  // Channels kept whole (their counts mostly distinct), for tests and the memory figures.
  size_t channels_kept_whole() const { return whole_.size(); }

  size_t memory_bytes() const;

 private:
  static constexpr uint32_t kPacked = UINT32_MAX;
  PackedIndices events_;
  IndexColumn look_ix_;
  std::vector<OccupancyCounts> looks_;
  std::vector<uint64_t> step_at_{0};
  std::vector<uint64_t> look_at_{0};
  std::vector<uint32_t> whole_at_;  // kPacked, or where in whole_
  std::vector<OccupancySteps> whole_;
};

}  // namespace csptrace
