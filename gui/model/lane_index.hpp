// For each process and each channel, the events that belong on its lane, ordered by time, so
// that the timeline finds what is visible with a binary search and draws only that (Tracy).
//
// Invariant: every list is sorted by (time, event index); a process lane holds the events whose
// proc is that process, a channel lane those whose chan is that channel.
//
// A followed trace grows: extend() adds the new events on the thread that owns the index, and
// share() hands the view an index of the events so far that shares the lists' storage
// (csptrace::SharedColumn), so a refresh costs the new events, not all of them.
#pragma once

#include "lane_list.hpp"
#include "time_scale.hpp"

#include <csptrace/trace_model.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace cspview {

// One thing to draw on a lane: a single event, or several events closer together than the
// fold width merged into one counted mark.
struct LaneMark {
  double x0 = 0, x1 = 0;  // pixel extent (x0 == x1 for a single event)
  uint32_t first = 0;     // event index of the first event in the mark
  uint32_t count = 1;     // events folded into it
};

class LaneIndex {
 public:
  LaneIndex() = default;
  explicit LaneIndex(const csptrace::TraceModel& m);
  LaneIndex(LaneIndex&&) noexcept = default;
  LaneIndex& operator=(LaneIndex&&) noexcept = default;

  // Adds events [events(), m.size()) of m, a model that grew from the one indexed so far (new
  // lanes for new processes and channels). O(new events), but an event stamped earlier than
  // the last one of its lane (a pool recording) is inserted in place.
  void extend(const csptrace::TraceModel& m);
  // The index so far, sharing the lists' storage; never changes. O(lanes).
  LaneIndex share() const;
  // How many events of the model are indexed.
  size_t events() const { return events_; }

  LaneList process_events(uint32_t p) const {
    return flat_ ? proc_flat_.lane(p) : LaneList(std::span<const uint32_t>(proc_[p]));
  }
  LaneList channel_events(uint32_t c) const {
    return flat_ ? chan_flat_.lane(c) : LaneList(std::span<const uint32_t>(chan_[c]));
  }
  // Transfers (rendezvous and buffered hand-overs), in event order, and the same by time.
  std::span<const uint32_t> transfers() const { return transfers_; }
  std::span<const uint32_t> transfers_by_time() const {
    return transfers_by_time_.empty() ? std::span<const uint32_t>(transfers_)
                                      : std::span<const uint32_t>(transfers_by_time_);
  }
  // Values put into buffers (the first half of a buffered hand-over), by time.
  std::span<const uint32_t> buffer_puts_by_time() const { return buf_puts_; }
  // User marks (labels put into the run), by time.
  std::span<const uint32_t> marks() const { return marks_; }

  // The part of a lane list whose times lie in [t0, t1].
  static LaneList visible(const csptrace::TraceModel& m, LaneList lane, double t0, double t1);

  // Marks for the visible part of a lane: events closer than min_px fold into one mark, so the
  // work is bounded by the width in pixels, not by the number of events.
  static std::vector<LaneMark> fold(const csptrace::TraceModel& m, LaneList lane,
                                    const TimeScale& scale, double min_px = 3.0);

 private:
  // Big on big traces: on huge pages, and shareable with the view while a trace is followed.
  using Lane = csptrace::SharedColumn<uint32_t>;
  void add(const csptrace::TraceModel& m, uint32_t i);

  // An index built from a whole model keeps all process lanes in one packed list and all
  // channel lanes in another (a run may have millions of processes, and a list each cost about
  // 100 bytes; packed, an entry is about 2 bytes instead of 4); one that grows (extend) keeps a
  // list per lane, which it can append to.
  struct FlatLanes {
    std::shared_ptr<const csptrace::PackedIndices>
        events;                   // lane after lane; never changes once made
    std::vector<uint64_t> at{0};  // lane k is events[at[k], at[k + 1])
    LaneList lane(uint32_t k) const { return {*events, at[k], at[k + 1] - at[k]}; }
  };
  bool flat_ = false;
  FlatLanes proc_flat_, chan_flat_;
  std::vector<Lane> proc_, chan_;
  Lane transfers_, buf_puts_, marks_;
  Lane transfers_by_time_;  // empty when transfers_ is already in time order
  size_t events_ = 0;
};

}  // namespace cspview
