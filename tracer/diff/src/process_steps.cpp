#include <csptrace/process_steps.hpp>

namespace csptrace {

namespace {

// Channels are the same when the match pairs them; "no channel" only equals "no channel".
bool same_chan(const TraceModel& a, uint32_t ca, uint32_t cb, const TraceMatch& match) {
  if (ca == kNone || cb == kNone) return ca == cb;
  return ca < a.channels().size() && match.chan_b[ca] == cb;
}

bool same_text(const TraceModel& a, StrId sa, const TraceModel& b, StrId sb) {
  return a.str(sa) == b.str(sb);
}

}  // namespace

StepOp step_op(const TraceModel& m, size_t i, uint32_t proc) {
  const EventKind k = m.kind(i);
  if (k == EventKind::BufPut) return StepOp::Put;
  if (k != EventKind::Transfer) return StepOp::Other;
  return m.to_index(i) == proc ? StepOp::Take : StepOp::Put;
}

bool same_value(const TraceModel& a, const Value& va, const TraceModel& b, const Value& vb) {
  if (va.kind != vb.kind) return false;
  if (va.kind == Value::Kind::Int) return va.num == vb.num;
  if (va.kind == Value::Kind::Text) return a.str(va.text) == b.str(vb.text);
  return true;
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

bool same_step(const TraceModel& a, size_t ia, uint32_t proc_a, const TraceModel& b, size_t ib,
               uint32_t proc_b, const TraceMatch& match, StepCompare how) {
  const StepOp oa = step_op(a, ia, proc_a), ob = step_op(b, ib, proc_b);
  if (oa != ob) return false;
  if (oa == StepOp::Other && a.kind(ia) != b.kind(ib)) return false;
  if (!same_chan(a, a.chan_index(ia), b.chan_index(ib), match)) return false;
  constexpr FieldMask kCompared = f::value | f::op | f::index | f::status | f::message | f::label |
                                  f::duration | f::mode | f::buffer | f::cap;
  const Event ea = a.event(ia, kCompared), eb = b.event(ib, kCompared);
  if (!how.ignore_values && !same_value(a, ea.value, b, eb.value)) return false;
  if (oa != StepOp::Other) return true;
  // The same kind: compare what the process chose or was told, never the interleaving.
  return ea.op == eb.op && ea.index == eb.index && ea.status == eb.status &&
         same_text(a, ea.message, b, eb.message) && same_text(a, ea.label, b, eb.label) &&
         ea.duration == eb.duration && ea.mode == eb.mode && ea.buffer == eb.buffer &&
         ea.cap == eb.cap;
}

}  // namespace csptrace
