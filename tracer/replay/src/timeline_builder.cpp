#include "timeline_builder.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace csptrace {

namespace {

const TraceModel& checked(const TraceModel& m) {
  if (m.held_from() != 0)
    throw std::logic_error("timeline: the model must hold every event (it retired some)");
  if (m.channels().size() > IntervalRecord::kMaxChannels)  // 134 M: never held by a viewer
    throw std::length_error("the timeline names at most " +
                            std::to_string(IntervalRecord::kMaxChannels) + " channels");
  return m;
}

}  // namespace

TimelineBuilder::EventCounts TimelineBuilder::count_events(const TraceModel& m) {
  const size_t P = m.processes().size();
  EventCounts n{std::vector<uint64_t>(P, 0), std::vector<size_t>(m.channels().size(), 0), 0};
  for (size_t i = 0; i < m.size(); ++i) {
    for (uint32_t p : {m.proc_index(i), m.partner_index(i), m.from_index(i), m.to_index(i)})
      if (p < P) ++n.per_proc[p];
    if (uint32_t c = m.chan_index(i); c != kNone) ++n.per_chan[c];
    n.transfers += m.kind(i) == EventKind::Transfer;
  }
  return n;
}

TimelineBuilder::TimelineBuilder(const TraceModel& m)
    : TimelineBuilder(m, count_events(checked(m))) {}

TimelineBuilder::TimelineBuilder(const TraceModel& m, const EventCounts& n)
    : m_(m),
      intervals_(n.per_proc),
      proc_seen_(m.processes().size(), 0),
      chan_seen_(m.channels().size(), 0) {
  t_.model_ = &m;
  occupancy_.resize(m.channels().size());
  if (!m.empty()) {
    t_.begin_time_ = m.time(0);
    t_.end_time_ = m.time(m.size() - 1);
  }
  for (size_t c = 0; c < n.per_chan.size(); ++c) occupancy_[c].reserve(n.per_chan[c] + 1);
  t_.rendezvous_.reserve(n.transfers);
}

[[gnu::always_inline]] inline void TimelineBuilder::note_chan(uint32_t c) {
  if (c >= chan_seen_.size() || chan_seen_[c] == epoch_) return;
  chan_seen_[c] = epoch_;
  chans_.push_back(c);
}

// A process whose state an event changes is named by one of the event's process fields, or is
// a taker a close serves; the channels whose queues change are the event's channel and the
// channels of the waits of those processes (an alt waits on all its guards).
[[gnu::always_inline]] inline void TimelineBuilder::note_proc(const ReplayState& s, uint32_t p) {
  if (p == kNone || p >= s.processes.size() || p >= proc_seen_.size()) return;
  if (proc_seen_[p] != epoch_) {
    proc_seen_[p] = epoch_;
    procs_.push_back(p);
  }
  const ProcessState& ps = s.processes[p];
  if (!is_waiting(ps.state)) return;
  note_chan(ps.wait.chan);
  for (const Guard& g : ps.wait.guards) note_chan(g.chan);
}

void TimelineBuilder::before(const ReplayState& s) {
  const size_t i = s.steps;
  procs_.clear();
  chans_.clear();
  ++epoch_;
  const uint32_t c = m_.chan_index(i);
  note_chan(c);
  // An event names at most one of proc and to, and at most one of partner and from.
  const uint32_t p = m_.proc_index(i), q = m_.partner_index(i);
  note_proc(s, p != kNone ? p : m_.to_index(i));
  note_proc(s, q != kNone ? q : m_.from_index(i));
  if (m_.kind(i) == EventKind::ChanClose && c < s.channels.size())
    for (const Waiter& w : s.channels[c].takers) note_proc(s, w.proc);
}

void TimelineBuilder::after(const ReplayState& s) {
  const size_t i = s.steps - 1;
  for (size_t n = 0; n < procs_.size(); ++n) {  // note_proc may add channels, not processes
    const uint32_t p = procs_[n];
    const ProcessState& ps = s.processes[p];
    const bool waiting = is_waiting(ps.state);
    const WaitOp op = waiting ? ps.wait.op : WaitOp::Take;
    const uint32_t chan = waiting ? ps.wait.chan : kNone;
    const IntervalRecord next(static_cast<uint32_t>(i), chan, ps.state, op);
    if (intervals_.count(p) > 0 && intervals_.last_look(p) == next.look()) continue;
    if (ps.state == ProcState::NotStarted) continue;
    intervals_.append(p, next.cause(), next.look());
    note_proc(s, p);  // the channels of its new wait
  }
  for (uint32_t c : chans_) {
    if (c >= s.channels.size() || !s.channels[c].made) continue;
    const ChannelState& cs = s.channels[c];
    const OccupancyCounts step{static_cast<uint32_t>(cs.level()),
                               static_cast<uint32_t>(cs.putters.size()),
                               static_cast<uint32_t>(cs.takers.size())};
    OccupancySteps& occ = occupancy_[c];
    const size_t n = occ.size();
    if (n > 0 && occ.counts(n - 1) == step) continue;
    if (n > 0 && occ.event(n - 1) == i)
      occ.replace_back(static_cast<uint32_t>(i), step);
    else
      occ.push_back(static_cast<uint32_t>(i), step);
  }
  if (m_.kind(i) == EventKind::Transfer) t_.rendezvous_.push_back(static_cast<uint32_t>(i));
}

Timeline TimelineBuilder::finish() && {
  std::move(intervals_)
      .finish_into(t_.interval_cause_, t_.interval_look_, t_.looks_, t_.interval_at_);
  pack_occupancy();
  t_.rendezvous_.finish();
  return std::move(t_);
}

void TimelineBuilder::pack_occupancy() {
  size_t steps = 0;
  for (const OccupancySteps& occ : occupancy_) steps += occ.size();
  t_.occupancy_.reserve(occupancy_.size(), steps);
  for (OccupancySteps& occ : occupancy_)  // each channel's steps given back once packed
    t_.occupancy_.add_channel(std::move(occ));
  occupancy_ = std::vector<OccupancySteps>();
  t_.occupancy_.finish();
}

}  // namespace csptrace
