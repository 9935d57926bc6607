#include <csptrace/process_steps.hpp>

namespace csptrace {

StepOp step_op(const TraceModel& m, size_t i, uint32_t proc) {
  const EventKind k = m.kind(i);
  if (k == EventKind::BufPut) return StepOp::Put;
  if (k != EventKind::Transfer) return StepOp::Other;
  return m.to_index(i) == proc ? StepOp::Take : StepOp::Put;
}

int step_owners(const TraceModel& m, size_t i, uint32_t out[2]) {
  switch (m.kind(i)) {
    case EventKind::Spawn:
    case EventKind::Exit:
    case EventKind::ChanMake:
    case EventKind::ChanClose:
    case EventKind::TimerArm:
    case EventKind::Mark:
    case EventKind::Handle:
    case EventKind::Refused:
    case EventKind::Stuck:
    case EventKind::BufPut:
    case EventKind::AltOffer:
    case EventKind::AltGuard:
    case EventKind::AltChoice: out[0] = m.proc_index(i); return out[0] == kNone ? 0 : 1;
    case EventKind::Transfer: {
      int n = 0;
      if (m.field<Field::via>(i) == Via::Direct && m.from_index(i) != kNone)
        out[n++] = m.from_index(i);
      if (m.to_index(i) != kNone) out[n++] = m.to_index(i);
      return n;
    }
    default: return 0;
  }
}

ProcessSteps::ProcessSteps(const TraceModel& m) : first_(m.processes().size() + 1, 0) {
  uint32_t owners[2];
  for (size_t i = 0; i < m.size(); ++i) {
    const int n = step_owners(m, i, owners);
    for (int k = 0; k < n; ++k) ++first_[owners[k] + 1];
  }
  for (size_t p = 1; p < first_.size(); ++p) first_[p] += first_[p - 1];
  events_.resize(first_.back());
  std::vector<size_t> next(first_.begin(), first_.end() - 1);
  for (size_t i = 0; i < m.size(); ++i) {
    const int n = step_owners(m, i, owners);
    for (int k = 0; k < n; ++k) events_[next[owners[k]]++] = static_cast<uint32_t>(i);
  }
}

}  // namespace csptrace
