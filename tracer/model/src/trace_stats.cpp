#include <csptrace/trace_stats.hpp>

#include <algorithm>
#include <cstdint>
#include <utility>

namespace csptrace {

namespace {

// to - from, or 0 when time ran backwards (a trace's times are the recorder's, or anyone's),
// saturating at INT64_MAX rather than overflowing: a duration or a wait is never negative.
int64_t elapsed(int64_t from, int64_t to) {
  if (to <= from) return 0;
  const uint64_t d = static_cast<uint64_t>(to) - static_cast<uint64_t>(from);
  return d > uint64_t(INT64_MAX) ? INT64_MAX : static_cast<int64_t>(d);
}

// total + d for d >= 0, saturating at INT64_MAX.
void add_saturating(int64_t& total, int64_t d) {
  total = d > INT64_MAX - total ? INT64_MAX : total + d;
}

}  // namespace

void StatsPass::WaitCounter::enter(int64_t t) {
  if (waiting++ == 0) since = t;
}

void StatsPass::WaitCounter::leave(int64_t t, int64_t& total) {
  if (waiting > 0 && --waiting == 0) add_saturating(total, elapsed(since, t));
}

void StatsPass::enter(uint32_t p, uint32_t c, WaitOp op, int64_t t) {
  if (c == kNone || op == WaitOp::Alts) return;
  (op == WaitOp::Put ? puts_ : takes_)[c].enter(t);
  waits_[p].emplace_back(c, op);
}

void StatsPass::leave_all(uint32_t p, int64_t t) {
  for (auto [c, op] : waits_[p])
    (op == WaitOp::Put ? puts_[c].leave(t, s_.channels[c].put_wait_ns)
                       : takes_[c].leave(t, s_.channels[c].take_wait_ns));
  waits_[p].clear();
}

void StatsPass::take(const TraceModel& m) {
  const size_t C = m.channels().size(), P = m.processes().size();
  s_.channels.resize(C);
  puts_.resize(C);
  takes_.resize(C);
  waits_.resize(P);
  guards_.resize(P);
  if (next_ == 0 && !m.empty()) first_t_ = m.time(0);
  for (size_t i = next_; i < m.size(); ++i) {
    const EventKind k = m.kind(i);
    ++s_.per_kind[static_cast<size_t>(k)];
    const uint32_t p = m.proc_index(i), c = m.chan_index(i);
    const int64_t t = m.time(i);
    switch (k) {
      case EventKind::Transfer: ++s_.channels[c].transfers; break;
      case EventKind::BufPut:
      case EventKind::BufTake:
      case EventKind::BufDrop:
        s_.channels[c].max_level = std::max(s_.channels[c].max_level, m.field<Field::level>(i));
        break;
      case EventKind::AltOffer: guards_[p].clear(); break;
      case EventKind::AltGuard: guards_[p].emplace_back(c, m.field<Field::op>(i)); break;
      case EventKind::Park:
      case EventKind::Block: {
        leave_all(p, t);
        const WaitOp op = m.field<Field::op>(i);
        if (op == WaitOp::Alts)
          for (auto [gc, gop] : guards_[p]) enter(p, gc, gop, t);
        else
          enter(p, c, op, t);
        break;
      }
      case EventKind::Resume:
      case EventKind::Unblock:
      case EventKind::Exit: leave_all(p, t); break;
      default: break;
    }
    last_t_ = t;
  }
  next_ = m.size();
}

TraceStats StatsPass::finish(const TraceModel& m) && {
  take(m);
  s_.events = m.size();
  if (m.empty()) return std::move(s_);
  s_.duration_ns = elapsed(first_t_, last_t_);
  for (uint32_t p = 0; p < waits_.size(); ++p) leave_all(p, last_t_);
  return std::move(s_);
}

TraceStats compute_stats(const TraceModel& m) {
  StatsPass pass;
  return std::move(pass).finish(m);
}

}  // namespace csptrace
