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

// Per channel and direction: how many processes wait now and since when one has waited.
struct WaitCounter {
  uint32_t waiting = 0;
  int64_t since = 0;
  void enter(int64_t t) {
    if (waiting++ == 0) since = t;
  }
  void leave(int64_t t, int64_t& total) {
    if (waiting > 0 && --waiting == 0) add_saturating(total, elapsed(since, t));
  }
};

}  // namespace

TraceStats compute_stats(const TraceModel& m) {
  TraceStats s;
  s.events = m.size();
  s.channels.resize(m.channels().size());
  if (m.empty()) return s;
  s.duration_ns = elapsed(m.time(0), m.time(m.size() - 1));

  std::vector<WaitCounter> puts(m.channels().size()), takes(m.channels().size());
  // What each process waits on now (chan index, op), and the guards of its latest alt.
  std::vector<std::vector<std::pair<uint32_t, WaitOp>>> waits(m.processes().size()),
      guards(m.processes().size());
  auto enter = [&](uint32_t p, uint32_t c, WaitOp op, int64_t t) {
    if (c == kNone || op == WaitOp::Alts) return;
    (op == WaitOp::Put ? puts : takes)[c].enter(t);
    waits[p].emplace_back(c, op);
  };
  auto leave_all = [&](uint32_t p, int64_t t) {
    for (auto [c, op] : waits[p])
      (op == WaitOp::Put ? puts[c].leave(t, s.channels[c].put_wait_ns)
                         : takes[c].leave(t, s.channels[c].take_wait_ns));
    waits[p].clear();
  };

  for (size_t i = 0; i < m.size(); ++i) {
    const EventKind k = m.kind(i);
    ++s.per_kind[static_cast<size_t>(k)];
    const uint32_t p = m.proc_index(i), c = m.chan_index(i);
    const int64_t t = m.time(i);
    switch (k) {
      case EventKind::Transfer: ++s.channels[c].transfers; break;
      case EventKind::BufPut:
      case EventKind::BufTake:
      case EventKind::BufDrop:
        s.channels[c].max_level = std::max(s.channels[c].max_level, m.event(i).level);
        break;
      case EventKind::AltOffer: guards[p].clear(); break;
      case EventKind::AltGuard: guards[p].emplace_back(c, m.event(i).op); break;
      case EventKind::Park:
      case EventKind::Block: {
        leave_all(p, t);
        const WaitOp op = m.event(i).op;
        if (op == WaitOp::Alts)
          for (auto [gc, gop] : guards[p]) enter(p, gc, gop, t);
        else
          enter(p, c, op, t);
        break;
      }
      case EventKind::Resume:
      case EventKind::Unblock:
      case EventKind::Exit: leave_all(p, t); break;
      default: break;
    }
  }
  const int64_t end = m.time(m.size() - 1);
  for (uint32_t p = 0; p < waits.size(); ++p) leave_all(p, end);
  return s;
}

}  // namespace csptrace
