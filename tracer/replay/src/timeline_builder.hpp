// Builds a Timeline while Replay replays the events once: before each event it notes which
// processes and channels the event can change, after it records the changes.
#pragma once

#include "interval_slots.hpp"

#include <csptrace/occupancy_steps.hpp>
#include <csptrace/timeline.hpp>
#include <csptrace/trace_model.hpp>

#include <vector>

namespace csptrace {

class TimelineBuilder {
 public:
  explicit TimelineBuilder(const TraceModel& m);

  // Call with the state before event s.steps, then advance(), then after() with the new state.
  void before(const ReplayState& s);
  void after(const ReplayState& s);

  Timeline finish() &&;

 private:
  // Counted in one pass before the replay, to reserve room: the events naming each process
  // (its most state changes: only those change it, at most once an event) and each channel
  // (about as many as its steps), and the transfers. Growing by doubling costs more.
  struct EventCounts {
    std::vector<uint64_t> per_proc;
    std::vector<size_t> per_chan;
    size_t transfers;
  };
  static EventCounts count_events(const TraceModel& m);
  TimelineBuilder(const TraceModel& m, const EventCounts& n);

  void note_proc(const ReplayState& s, uint32_t p);
  void note_chan(uint32_t c);
  void pack_occupancy();  // occupancy_ into the timeline's packed form, freeing it

  const TraceModel& m_;
  Timeline t_;
  // Each process's intervals as the replay writes them, room for one per event that names it
  // (as proc, partner, from or to).
  IntervalSlots intervals_;
  // Each channel's steps as the replay writes them; finish() packs them. The transfers go
  // straight into the timeline's packed list: they come in order.
  std::vector<OccupancySteps> occupancy_;
  std::vector<uint32_t> procs_, chans_;  // candidates for the current event
  // proc_seen_[p] == epoch_ iff p is in procs_ (chan_seen_ likewise for chans_): membership in
  // O(1), so an event touching n processes or channels (a close under n takers, an alt over n
  // guards) costs O(n), not O(n^2). epoch_ changes with every event.
  std::vector<uint64_t> proc_seen_, chan_seen_;
  uint64_t epoch_ = 0;
};

}  // namespace csptrace
