#include <csptrace/replay.hpp>

#include "timeline_builder.hpp"

#include <algorithm>

namespace csptrace {

Replay::Replay(const TraceModel& m, size_t checkpoint_interval)
    : model_(&m),
      interval_(std::max<size_t>(
          {checkpoint_interval, 2 * (m.processes().size() + m.channels().size()), 1})) {
  ReplayState s = csptrace::initial_state(m);
  TimelineBuilder timeline(m);
  checkpoints_.reserve(m.size() / interval_ + 1);
  checkpoints_.push_back(s);
  for (size_t i = 0; i < m.size(); ++i) {
    if (i > 0 && i % interval_ == 0) checkpoints_.push_back(s);
    timeline.before(s);
    advance(m, s);
    timeline.after(s);
  }
  final_ = std::move(s);
  timeline_ = std::move(timeline).finish();
}

ReplayState Replay::state_at_step(size_t steps) const {
  steps = std::min(steps, size());
  ReplayState s = checkpoints_[std::min(steps / interval_, checkpoints_.size() - 1)];
  while (s.steps < steps) advance(*model_, s);
  return s;
}

void Replay::seek(ReplayState& s, size_t steps) const {
  steps = std::min(steps, size());
  const size_t base = std::min(steps / interval_, checkpoints_.size() - 1) * interval_;
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
