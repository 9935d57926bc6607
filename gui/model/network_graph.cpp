#include "network_graph.hpp"

#include "count_text.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <tuple>

namespace cspview {

using csptrace::EventKind;
using csptrace::Field;
using csptrace::kNone;
using csptrace::WaitOp;

namespace {

struct Wires {
  // (proc, chan, put) -> its edge; std::map keeps them sorted as the invariant asks.
  std::map<std::tuple<uint32_t, uint32_t, bool>, NetworkEdge> edges;
  void add(uint32_t p, uint32_t c, bool put, size_t event) {
    if (p == kNone || c == kNone) return;
    auto [it, fresh] = edges.try_emplace({p, c, put});
    NetworkEdge& e = it->second;
    if (fresh) e = {p, c, put, 0, event};
    ++e.uses;
  }
};

}  // namespace

NetworkGraph network_graph(const csptrace::TraceModel& m, size_t max_processes,
                           size_t max_channels) {
  const size_t np = m.processes().size(), nc = m.channels().size();
  // Calls wire(p, c, put, i) for each event i that puts or takes: a wire of the network.
  auto each_wire = [&m](auto wire) {
    for (size_t i = 0; i < m.size(); ++i) {
      const uint32_t p = m.proc_index(i), c = m.chan_index(i);
      switch (m.kind(i)) {
        case EventKind::Transfer:
          wire(m.from_index(i), c, true, i);
          wire(m.to_index(i), c, false, i);
          break;
        case EventKind::BufPut: wire(p, c, true, i); break;
        case EventKind::BufTake: wire(p, c, false, i); break;
        case EventKind::Park:
        case EventKind::Block:
        case EventKind::AltGuard:
        case EventKind::Refused: {
          const WaitOp op = m.field<Field::op>(i);
          if (op != WaitOp::Alts) wire(p, c, op == WaitOp::Put, i);
          break;
        }
        default: break;
      }
    }
  };
  // The wires of the processes that can be shown: with more processes than that, the busiest
  // are found first (a pass of their own), so that a run of a million processes does not hold
  // a wire each (a map node of 80 bytes) only to drop them.
  std::vector<bool> keep_proc(np, true);
  if (np > max_processes) {
    std::vector<uint64_t> busy(np, 0);
    for (size_t i = 0; i < m.size(); ++i)
      for (uint32_t q : {m.proc_index(i), m.from_index(i), m.to_index(i)})
        if (q != kNone && q < np) ++busy[q];
    std::vector<uint32_t> order(np);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return busy[a] > busy[b]; });
    keep_proc.assign(np, false);
    for (size_t i = 0; i < max_processes; ++i) keep_proc[order[i]] = true;
  }
  Wires wires;
  std::vector<bool> used_chan(nc, false);
  each_wire([&](uint32_t p, uint32_t c, bool put, size_t i) {
    if (p == kNone || c == kNone) return;
    used_chan[c] = true;
    if (keep_proc[p]) wires.add(p, c, put, i);
  });

  // A go / thread's result channel is filled by its process when it returns: that process is
  // its putter, though the trace records the put under the runtime's name, if at all. One that
  // nobody else touched is left out: a node per process that says nothing (the sieve's filters).
  std::vector<bool> unread_result(nc, false);
  size_t unread = 0;
  for (uint32_t c = 0; c < nc; ++c) {
    const csptrace::ChannelInfo& info = m.channels()[c];
    if (info.result_of == kNone || info.result_of >= np) continue;
    if (used_chan[c]) {
      if (keep_proc[info.result_of]) wires.add(info.result_of, c, true, info.make_event);
    } else {
      unread_result[c] = true;
      ++unread;
    }
  }

  NetworkGraph g;
  std::vector<bool> keep_chan(nc, true);
  for (uint32_t c = 0; c < nc; ++c) keep_chan[c] = !unread_result[c];
  if (np > max_processes) {
    // Only the channels the kept processes use: the rest would float unconnected.
    keep_chan.assign(nc, false);
    for (const auto& [key, e] : wires.edges)
      if (keep_proc[e.proc]) keep_chan[e.chan] = true;
    g.note =
        "showing the " + std::to_string(max_processes) + " busiest processes of " + count_text(np);
  }
  const size_t kept_chans =
      static_cast<size_t>(std::count(keep_chan.begin(), keep_chan.end(), true));
  if (kept_chans > max_channels) {
    std::vector<uint64_t> uses(nc, 0);
    for (const auto& [key, e] : wires.edges)
      if (keep_proc[e.proc]) uses[e.chan] += e.uses;
    std::vector<uint32_t> order;
    for (uint32_t c = 0; c < nc; ++c)
      if (keep_chan[c]) order.push_back(c);
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return uses[a] > uses[b]; });
    for (size_t i = max_channels; i < order.size(); ++i) keep_chan[order[i]] = false;
    g.note += (g.note.empty() ? "" : "; ") + std::string("showing the ") +
              std::to_string(max_channels) + " busiest channels of " + count_text(kept_chans);
  }
  if (unread > 0)
    g.note += (g.note.empty() ? "" : "; ") + std::string("not drawn: ") + count_text(unread) +
              (unread == 1 ? " result channel" : " result channels") + " nobody read";
  for (uint32_t p = 0; p < np; ++p)
    if (keep_proc[p]) g.processes.push_back(p);
  for (uint32_t c = 0; c < nc; ++c)
    if (keep_chan[c]) g.channels.push_back(c);
  for (const auto& [key, e] : wires.edges)
    if (keep_proc[e.proc] && keep_chan[e.chan]) g.edges.push_back(e);
  return g;
}

}  // namespace cspview
