#include "timeline_builder.hpp"

#include <algorithm>

namespace csptrace {

TimelineBuilder::TimelineBuilder(const TraceModel& m)
    : m_(m), proc_seen_(m.processes().size(), 0), chan_seen_(m.channels().size(), 0) {
  t_.intervals_.resize(m.processes().size());
  t_.occupancy_.resize(m.channels().size());
  if (!m.empty()) {
    t_.begin_time_ = m.time(0);
    t_.end_time_ = m.time(m.size() - 1);
  }
  // Reserve from a count of the events naming each process and channel (about as many as the
  // changes they can cause): growing these vectors by doubling costs more than counting.
  std::vector<size_t> per_proc(m.processes().size(), 0), per_chan(m.channels().size(), 0);
  size_t transfers = 0;
  for (size_t i = 0; i < m.size(); ++i) {
    if (uint32_t p = m.proc_index(i); p != kNone) ++per_proc[p];
    if (uint32_t c = m.chan_index(i); c != kNone) ++per_chan[c];
    if (m.kind(i) == EventKind::Transfer) {
      ++transfers;
      if (uint32_t p = m.to_index(i); p != kNone) ++per_proc[p];
    }
  }
  for (size_t p = 0; p < per_proc.size(); ++p) t_.intervals_[p].reserve(per_proc[p] + 1);
  for (size_t c = 0; c < per_chan.size(); ++c) t_.occupancy_[c].reserve(per_chan[c] + 1);
  t_.rendezvous_.reserve(transfers);
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
  const int64_t t = m_.time(i);
  for (size_t n = 0; n < procs_.size(); ++n) {  // note_proc may add channels, not processes
    const uint32_t p = procs_[n];
    const ProcessState& ps = s.processes[p];
    auto& iv = t_.intervals_[p];
    const bool waiting = is_waiting(ps.state);
    const WaitOp op = waiting ? ps.wait.op : WaitOp::Take;
    const uint32_t chan = waiting ? ps.wait.chan : kNone;
    if (!iv.empty() && iv.back().state == ps.state && iv.back().op == op && iv.back().chan == chan)
      continue;
    if (ps.state == ProcState::NotStarted) continue;
    if (!iv.empty()) {
      iv.back().t_end = t;
      iv.back().end_event = i;
    }
    iv.push_back({t, t_.end_time_, ps.state, op, chan, i, kNone});
    note_proc(s, p);  // the channels of its new wait
  }
  for (uint32_t c : chans_) {
    if (c >= s.channels.size() || !s.channels[c].made) continue;
    const ChannelState& cs = s.channels[c];
    OccupancyStep step{t, i, cs.level(), static_cast<uint32_t>(cs.putters.size()),
                       static_cast<uint32_t>(cs.takers.size())};
    auto& occ = t_.occupancy_[c];
    if (!occ.empty() && occ.back().level == step.level && occ.back().putters == step.putters &&
        occ.back().takers == step.takers)
      continue;
    if (!occ.empty() && occ.back().event == i)
      occ.back() = step;
    else
      occ.push_back(step);
  }
  if (m_.kind(i) == EventKind::Transfer)
    t_.rendezvous_.push_back(
        {i, t, m_.from_index(i), m_.to_index(i), m_.chan_index(i), m_.field<Field::via>(i)});
}

Timeline TimelineBuilder::finish() && { return std::move(t_); }

}  // namespace csptrace
