// What a timeline draws, computed once by Replay in one pass over the events: per process the
// sorted intervals of its states, per channel its occupancy as step functions, and every
// rendezvous (transfer). All lists are sorted by time (and by event index), so a view finds
// the visible part with a binary search (see the *_from helpers).
//
// The timeline keeps compact records and makes the full structs on demand: a time is the time
// of the event that began the interval or step (read from the model), and an interval ends
// where the next one of its process begins. A busy run has about one interval, one step and a
// third of a rendezvous per event, so this is most of a viewer's memory per event.
#pragma once

#include <csptrace/index_column.hpp>
#include <csptrace/packed_indices.hpp>
#include <csptrace/packed_occupancy.hpp>
#include <csptrace/replay_state.hpp>
#include <csptrace/shared_column.hpp>
#include <csptrace/timeline_list.hpp>
#include <csptrace/trace_model.hpp>

#include <cstdint>
#include <iterator>
#include <vector>

namespace csptrace {

// [t_begin, t_end) in one state. Consecutive intervals of a process touch (t_end of one is
// t_begin of the next); the last one ends at Timeline::end_time().
struct StateInterval {
  int64_t t_begin = 0;
  int64_t t_end = 0;
  uint32_t chan = kNone;       // the channel waited on (kNone for alts and non-waiting states)
  uint32_t cause = kNone;      // event that began it (spawn, park, resume, ...)
  uint32_t end_event = kNone;  // event that ended it; kNone for the last interval
  ProcState state = ProcState::NotStarted;
  WaitOp op = WaitOp::Take;  // for waiting states
};

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

// The stored forms. Event indices fit 32 bits: a timeline is built from a model held whole,
// and a model holds fewer than kNone events (TraceModelBuilder refuses more).
//
// An interval is the event that began it and, in one word (its look), its channel (27 bits),
// state (3) and operation (2); its times and end_event come from its neighbours. A timeline
// therefore names at most kMaxChannels channels (TimelineBuilder refuses a model with more).
// The builder codes them as it writes them (interval_slots.hpp); the timeline keeps the first
// events packed (PackedIndices, about 2 bytes) and each look as its index among the run's
// distinct looks (IndexColumn: 1 byte while there are at most 255 of them), about 3 bytes an
// interval.
class IntervalRecord {
 public:
  static constexpr unsigned kChanBits = 27;
  // Channels 0 .. kMaxChannels - 1; the all-ones value of the channel's bits stands for kNone.
  static constexpr uint32_t kMaxChannels = (uint32_t{1} << kChanBits) - 1;

  IntervalRecord() = default;
  static IntervalRecord from_look(uint32_t cause, uint32_t look) {
    IntervalRecord r;
    r.cause_ = cause;
    r.look_ = look;
    return r;
  }
  // Precondition: chan < kMaxChannels or chan == kNone.
  IntervalRecord(uint32_t cause, uint32_t chan, ProcState state, WaitOp op)
      : cause_(cause),
        look_((chan == kNone ? kMaxChannels : chan) | uint32_t(state) << kChanBits |
              uint32_t(op) << (kChanBits + 3)) {}
  uint32_t cause() const { return cause_; }
  uint32_t chan() const {
    const uint32_t c = look_ & kMaxChannels;
    return c == kMaxChannels ? kNone : c;
  }
  ProcState state() const { return ProcState((look_ >> kChanBits) & 7); }
  WaitOp op() const { return WaitOp(look_ >> (kChanBits + 3)); }
  // The channel, state and operation together: two looks are equal iff all three are.
  uint32_t look() const { return look_; }

 private:
  uint32_t cause_ = 0;
  uint32_t look_ = 0;
};
static_assert(sizeof(IntervalRecord) == 8);
static_assert(std::size(EnumTable<ProcState>::entries) <= 8 &&
              std::size(EnumTable<WaitOp>::entries) <= 4);
// Occupancy steps are kept packed (PackedOccupancy, about 3 bytes a step), a rendezvous as its
// transfer's event index alone (packed, about 2 bytes): the rest is in the model.

// The list makers: element k of a list from its records and the model's times.
struct IntervalMaker {
  const PackedIndices* causes;  // the timeline's, all processes'
  const IndexColumn* look_ix;
  const uint32_t* looks;
  size_t first;  // the process's first interval in them
  size_t n;
  const TraceModel* m;
  int64_t end_time;
  StateInterval operator()(size_t k) const {
    const IntervalRecord x =
        IntervalRecord::from_look((*causes)[first + k], looks[(*look_ix)[first + k]]);
    const uint32_t end = k + 1 < n ? (*causes)[first + k + 1] : kNone;
    return {m->time(x.cause()),
            end != kNone ? m->time(end) : end_time,
            x.chan(),
            x.cause(),
            end,
            x.state(),
            x.op()};
  }
};
struct OccupancyMaker {
  const PackedOccupancy* steps;
  uint32_t c;
  const TraceModel* m;
  OccupancyStep operator()(size_t k) const {
    const uint32_t e = steps->event(c, k);
    const OccupancyCounts n = steps->counts(c, k);
    return {m->time(e), e, n.level, n.putters, n.takers};
  }
};
struct RendezvousMaker {
  const PackedIndices* event;
  const TraceModel* m;
  Rendezvous operator()(size_t k) const {
    const uint32_t e = (*event)[k];
    return {
        e, m->time(e), m->from_index(e), m->to_index(e), m->chan_index(e), m->field<Field::via>(e)};
  }
};
using IntervalList = TimelineList<IntervalMaker>;
using OccupancyList = TimelineList<OccupancyMaker>;
using RendezvousList = TimelineList<RendezvousMaker>;

// Invariant: model_ is the model the timeline was built from (a model held whole; null for a
// timeline never built), so a Timeline lives no longer than that model (Replay's contract: the
// model outlives the replay that owns the timeline).
class Timeline {
 public:
  int64_t begin_time() const { return begin_time_; }  // time of the first event (0 if empty)
  int64_t end_time() const { return end_time_; }      // time of the last event

  // Precondition: p < model.processes().size(), c < model.channels().size().
  IntervalList intervals(uint32_t p) const {
    const size_t n = interval_at_[p + 1] - interval_at_[p];
    return {
        {&interval_cause_, &interval_look_, looks_.data(), interval_at_[p], n, model_, end_time_},
        n};
  }
  OccupancyList occupancy(uint32_t c) const {
    return {{&occupancy_, c, model_}, occupancy_.size(c)};
  }
  RendezvousList rendezvous() const { return {{&rendezvous_, model_}, rendezvous_.size()}; }

  // Index of the first interval of p with t_end > t (intervals(p).size() if none): where
  // drawing a window starting at t begins.
  size_t first_interval_from(uint32_t p, int64_t t) const;
  // Index of the occupancy step of c in force at time t (the last with step.t <= t), or 0.
  size_t occupancy_at(uint32_t c, int64_t t) const;
  // Index of the first rendezvous with t >= t (rendezvous().size() if none).
  size_t first_rendezvous_from(int64_t t) const;

  // The bytes the records take (not counting the model's times they share).
  size_t memory_bytes() const;

 private:
  friend class TimelineBuilder;
  int64_t begin_time_ = 0;
  int64_t end_time_ = 0;
  const TraceModel* model_ = nullptr;
  // The intervals of all processes in one array, process after process: p's are
  // [interval_at_[p], interval_at_[p + 1]). A run may have millions of processes, and a vector
  // each cost an allocation and 24 bytes; 4-byte offsets (TimelineBuilder::finish refuses more
  // intervals than they count).
  PackedIndices interval_cause_;  // each interval's first event
  IndexColumn interval_look_;     // each interval's look, as an index in looks_
  std::vector<uint32_t> looks_;   // the distinct looks, in the order first seen
  std::vector<uint32_t> interval_at_{0};
  PackedOccupancy occupancy_;
  PackedIndices rendezvous_;  // the transfers' event indices
};

}  // namespace csptrace
