#include "network_frame.hpp"

#include "channel_badge.hpp"

#include <algorithm>
#include <tuple>

namespace cspview {

using csptrace::EventKind;
using csptrace::Field;
using csptrace::kNone;

namespace {

std::optional<size_t> find_edge(const NetworkGraph& g, uint32_t p, uint32_t c, bool put) {
  const NetworkEdge key{p, c, put};
  const auto it = std::lower_bound(
      g.edges.begin(), g.edges.end(), key, [](const NetworkEdge& a, const NetworkEdge& b) {
        return std::tie(a.proc, a.chan, a.put) < std::tie(b.proc, b.chan, b.put);
      });
  if (it == g.edges.end() || it->proc != p || it->chan != c || it->put != put) return std::nullopt;
  return size_t(it - g.edges.begin());
}

std::optional<NetworkFrame::Message> message_at(const TraceDocument& doc, const NetworkGraph& g,
                                                size_t e) {
  const auto& m = doc.model();
  NetworkFrame::Message msg;
  msg.event = e;
  const uint32_t c = m.chan_index(e);
  switch (m.kind(e)) {
    case EventKind::Transfer:
      // A value taken from a buffer was put there earlier (its buf_put): only the take moves now.
      if (m.field<Field::via>(e) != csptrace::Via::Buffer)
        msg.in = find_edge(g, m.from_index(e), c, true);
      msg.out = find_edge(g, m.to_index(e), c, false);
      break;
    case EventKind::BufPut: msg.in = find_edge(g, m.proc_index(e), c, true); break;
    case EventKind::BufTake: msg.out = find_edge(g, m.proc_index(e), c, false); break;
    default: return std::nullopt;
  }
  if (!msg.in && !msg.out) return std::nullopt;  // its wires are not shown (the node cap)
  if (m.present(e) & csptrace::f::value) msg.value = m.value_text(m.field<Field::value>(e));
  return msg;
}

}  // namespace

NetworkCycle network_cycle(const TraceDocument& doc, const NetworkGraph& g) {
  NetworkCycle out;
  for (size_t f = 0; f < doc.findings().size(); ++f) {
    const std::vector<WaitArrow> cycle = doc.cycle_for(f);
    if (cycle.empty()) continue;
    for (const WaitArrow& a : cycle) {
      out.processes.push_back(a.waiter);
      out.park_events.push_back(a.park_event);
      // The waiter's wire to the channel it waits on and the releaser's wire to the same
      // channel, in whichever direction the trace has them.
      for (uint32_t p : {a.waiter, a.releaser})
        for (bool put : {true, false})
          if (auto e = find_edge(g, p, a.chan, put)) out.edges.push_back(*e);
    }
    break;
  }
  std::sort(out.edges.begin(), out.edges.end());
  out.edges.erase(std::unique(out.edges.begin(), out.edges.end()), out.edges.end());
  return out;
}

NetworkFrame network_frame(const TraceDocument& doc, const NetworkGraph& g,
                           const NetworkCycle& cycle, std::optional<size_t> cursor,
                           const csptrace::ReplayState* state) {
  const auto& m = doc.model();
  NetworkFrame fr;
  fr.cursor = cursor;
  fr.processes.resize(g.processes.size());
  fr.channels.resize(g.channels.size());
  const auto begun = [&](size_t park) { return cursor && park != kNone && park <= *cursor; };
  for (size_t i = 0; i < g.processes.size(); ++i) {
    NetworkFrame::Process& p = fr.processes[i];
    const uint32_t pi = g.processes[i];
    if (!state || pi >= state->processes.size()) {
      p.shown = true;
      continue;
    }
    const csptrace::ProcessState& ps = state->processes[pi];
    p.shown = ps.state != csptrace::ProcState::NotStarted;
    p.known = true;
    p.state = ps.state;
    p.op = ps.wait.op;
  }
  // One pass over the stuck waits (a deadlock may hold 100 000), each found among the shown
  // processes by binary search (g.processes is sorted): not a pass per shown process.
  for (const StuckWait& w : doc.stuck()) {
    if (!begun(w.park_event)) continue;
    const auto it = std::lower_bound(g.processes.begin(), g.processes.end(), w.proc);
    if (it == g.processes.end() || *it != w.proc) continue;
    NetworkFrame::Process& p = fr.processes[size_t(it - g.processes.begin())];
    if (p.known) p.stuck = true;
  }
  for (size_t i = 0; i < g.channels.size(); ++i) {
    NetworkFrame::Channel& c = fr.channels[i];
    const uint32_t ci = g.channels[i];
    if (!state || ci >= state->channels.size()) {
      c.shown = true;
      continue;
    }
    const csptrace::ChannelState& cs = state->channels[ci];
    c.shown = cs.made;
    c.level = cs.level();
    c.closed = cs.closed;
    c.fill = channel_fill_text(m.channels()[ci], cs);
  }
  if (cursor && *cursor < m.size()) fr.message = message_at(doc, g, *cursor);
  fr.cycle_formed = !cycle.park_events.empty() &&
                    std::all_of(cycle.park_events.begin(), cycle.park_events.end(), begun);
  return fr;
}

}  // namespace cspview
