#include <csptrace/replay.hpp>
#include <csptrace/trace_error.hpp>

#include "timeline_builder.hpp"

#include <algorithm>
#include <cstdint>

namespace csptrace {

namespace {

// How many elements a copy of s holds: processes, channels, buffered values, waiters, guards.
// A checkpoint costs about this many elements of memory.
size_t state_weight(const ReplayState& s) {
  size_t w = s.processes.size() + s.channels.size();
  for (const ProcessState& p : s.processes) w += p.wait.guards.size() + p.offering.size();
  for (const ChannelState& c : s.channels)
    w += c.buffer.size() + c.putters.size() + c.takers.size();
  return w;
}

// Every this many events a replay looks at its ReplayControl: a few milliseconds of work.
constexpr size_t kControlEvery = size_t{1} << 16;

void look_at(const ReplayControl& control, size_t i, size_t n) {
  if (control.cancel && control.cancel->load(std::memory_order_relaxed)) throw LoadCancelled();
  if (control.progress) control.progress(double(i) / double(n));
}

}  // namespace

Replay::Replay(const TraceModel& m, size_t checkpoint_interval, Keep keep,
               const ReplayControl& control)
    : model_(&m),
      interval_(std::max<size_t>(
          {checkpoint_interval, 2 * (m.processes().size() + m.channels().size()), 1})) {
  ReplayState s = csptrace::initial_state(m);
  if (keep == Keep::EndState) {
    // No checkpoint, not even the initial state: state_at_step makes that again when asked.
    for (size_t i = 0; i < m.size(); ++i) {
      if (i % kControlEvery == 0) look_at(control, i, m.size());
      advance(m, s);
    }
    final_ = std::move(s);
    if (control.progress) control.progress(1.0);
    return;
  }
  TimelineBuilder timeline(m);
  const bool checkpoints = keep == Keep::Everything;
  if (checkpoints) {
    checkpoints_.reserve(m.size() / interval_ + 1);
    checkpoints_.push_back(s);
  }
  // A checkpoint is taken once at least max(interval_, 2 * its weight) events have passed since
  // the previous one, so every checkpoint is paid for by the events before it: all of them
  // together hold at most (events / 2 + processes + channels) elements, however large one
  // state grows (a buffer of a million values, a million waiters, an alt over a million guards).
  // state_weight costs O(processes + channels + its result); it is computed only when the
  // events since the last checkpoint reach twice the weight it last found (the weight it finds
  // then is paid for by those events), never once per event. Without checkpoints none is due.
  size_t last = 0, due = checkpoints ? interval_ : SIZE_MAX;
  for (size_t i = 0; i < m.size(); ++i) {
    if (i % kControlEvery == 0) look_at(control, i, m.size());
    if (i >= due) {
      const size_t gap = std::max(interval_, 2 * state_weight(s));
      if (i - last >= gap) {
        checkpoints_.push_back(s);
        last = i;
        due = i + interval_;
      } else {
        due = last + gap;
      }
    }
    timeline.before(s);
    advance(m, s);
    timeline.after(s);
  }
  final_ = std::move(s);
  timeline_ = std::move(timeline).finish();
  if (control.progress) control.progress(1.0);
}

const ReplayState& Replay::checkpoint_before(size_t steps) const {
  auto after = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), steps,
                                [](size_t k, const ReplayState& c) { return k < c.steps; });
  return *std::prev(after);  // checkpoints_.front().steps == 0 <= steps
}

ReplayState Replay::initial_state() const {
  return checkpoints_.empty() ? csptrace::initial_state(*model_) : checkpoints_.front();
}

ReplayState Replay::state_at_step(size_t steps) const {
  steps = std::min(steps, size());
  ReplayState s = checkpoints_.empty() ? initial_state() : checkpoint_before(steps);
  while (s.steps < steps) advance(*model_, s);
  return s;
}

void Replay::seek(ReplayState& s, size_t steps) const {
  steps = std::min(steps, size());
  const size_t base = checkpoints_.empty() ? 0 : checkpoint_before(steps).steps;
  if (s.steps > steps || s.steps < base) {
    s = state_at_step(steps);
    return;
  }
  while (s.steps < steps) advance(*model_, s);
}

size_t Replay::wake_cause(size_t k) const {
  if (k >= size()) return kNone;
  const EventKind kind = model_->kind(k);
  if (kind != EventKind::Resume && kind != EventKind::Unblock) return kNone;
  const uint32_t p = model_->proc_index(k);
  const ReplayState before = state_at_step(k);
  if (p >= before.processes.size()) return kNone;
  const ProcessState& ps = before.processes[p];
  return is_waiting(ps.state) ? ps.wait.completed_by : kNone;
}

}  // namespace csptrace
