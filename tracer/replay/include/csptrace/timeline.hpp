// What a timeline draws, computed once by Replay in one pass over the events: per process the
// sorted intervals of its states, per channel its occupancy as step functions, and every
// rendezvous (transfer). All vectors are sorted by time (and by event index), so a view finds
// the visible part with a binary search (see the *_from helpers).
#pragma once

#include <csptrace/huge_page_allocator.hpp>
#include <csptrace/replay_state.hpp>
#include <csptrace/shared_column.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace csptrace {

// [t_begin, t_end) in one state. Consecutive intervals of a process touch (t_end of one is
// t_begin of the next); the last one ends at Timeline::end_time().
// 32 bytes: one for nearly every event of a busy run. Event indices fit 32 bits in a model held
// whole (its records are limited to 4 GiB).
struct StateInterval {
  int64_t t_begin = 0;
  int64_t t_end = 0;
  uint32_t chan = kNone;       // the channel waited on (kNone for alts and non-waiting states)
  uint32_t cause = kNone;      // event that began it (spawn, park, resume, ...)
  uint32_t end_event = kNone;  // event that ended it; kNone for the last interval
  ProcState state = ProcState::NotStarted;
  WaitOp op = WaitOp::Take;  // for waiting states
};
static_assert(sizeof(StateInterval) == 32);

// From event `event` on (at time t), the channel holds `level` values and has `putters` /
// `takers` processes waiting.
struct OccupancyStep {
  int64_t t = 0;
  size_t event = 0;
  uint32_t level = 0;
  uint32_t putters = 0;
  uint32_t takers = 0;
};

// A transfer: a value moved from one process to another (an arrow on the timeline).
struct Rendezvous {
  size_t event = 0;
  int64_t t = 0;
  uint32_t from = kNone;
  uint32_t to = kNone;
  uint32_t chan = kNone;
  Via via = Via::Direct;
};

class Timeline {
 public:
  int64_t begin_time() const { return begin_time_; }  // time of the first event (0 if empty)
  int64_t end_time() const { return end_time_; }      // time of the last event

  // Precondition: p < model.processes().size(), c < model.channels().size().
  std::span<const StateInterval> intervals(uint32_t p) const {
    return {interval_data_.data() + interval_at_[p], interval_at_[p + 1] - interval_at_[p]};
  }
  const HugeVector<OccupancyStep>& occupancy(uint32_t c) const { return occupancy_[c]; }
  const HugeVector<Rendezvous>& rendezvous() const { return rendezvous_; }

  // Index of the first interval of p with t_end > t (intervals(p).size() if none): where
  // drawing a window starting at t begins.
  size_t first_interval_from(uint32_t p, int64_t t) const;
  // Index of the occupancy step of c in force at time t (the last with step.t <= t), or 0.
  size_t occupancy_at(uint32_t c, int64_t t) const;
  // Index of the first rendezvous with t >= t (rendezvous().size() if none).
  size_t first_rendezvous_from(int64_t t) const;

 private:
  friend class TimelineBuilder;
  int64_t begin_time_ = 0;
  int64_t end_time_ = 0;
  // The intervals of all processes in one array, process after process: p's are
  // [interval_at_[p], interval_at_[p + 1]). A run may have millions of processes, and a vector
  // each cost an allocation and 24 bytes.
  SharedColumn<StateInterval> interval_data_;
  std::vector<uint64_t> interval_at_{0};
  std::vector<HugeVector<OccupancyStep>> occupancy_;
  HugeVector<Rendezvous> rendezvous_;
};

}  // namespace csptrace
