#include "wait_graph.hpp"

#include <algorithm>
#include <unordered_map>

namespace csptrace {

WaitGraph::WaitGraph(const TraceModel& m, const ReplayState& end, const ChannelUse& use,
                     bool program_over)
    : m_(m), end_(end), use_(use) {
  const uint32_t P = static_cast<uint32_t>(end.processes.size());
  stuck_.assign(P, 0);
  free_.assign(P, 0);
  in_cycle_.assign(P, 0);
  for (uint32_t p = 0; p < P; ++p) {
    const ProcessState& ps = end.processes[p];
    stuck_[p] = is_live(ps.state) && is_waiting(ps.state) && !ps.wait.completed;
  }

  if (!program_over) {
    std::vector<uint32_t> work;
    for (uint32_t p = 0; p < P; ++p)
      if (live(p) && (!stuck_[p] || armed_timer_guard(p))) free_[p] = 1;
    // A free process spawned by a holder of a channel after the channel was made may have
    // captured it, and so may still use it.
    const auto& euler = use.euler_order();
    std::vector<size_t> free_before(euler.size() + 1, 0);
    for (size_t k = 0; k < euler.size(); ++k) free_before[k + 1] = free_before[k] + free_[euler[k]];
    std::unordered_map<uint32_t, bool> chan_reachable;  // cache per channel
    auto reachable_by_spawn = [&](uint32_t c) {
      // Not a structured binding: clang before 16 cannot capture one in the lambda below.
      const auto emplaced = chan_reachable.try_emplace(c, false);
      const auto it = emplaced.first;
      if (!emplaced.second) return it->second;
      const ChannelUsers& u = use.users(c);
      const size_t made = m.channels()[c].make_event;
      auto check = [&](uint32_t h) {
        if (h == kNone || it->second) return;
        auto [first, last] = use.spawned_after(h, made);
        if (free_before[last] > free_before[first]) it->second = true;
      };
      check(u.creator);
      check(u.closer);
      for (uint32_t h : u.putters) check(h);
      for (uint32_t h : u.takers) check(h);
      return it->second;
    };
    std::vector<std::vector<uint32_t>> waiters_of(P);  // q -> stuck processes q could release
    for (uint32_t p = 0; p < P; ++p) {
      if (!stuck_[p] || free_[p]) continue;
      for (const WaitOn& w : waits(p)) {
        if (w.chan != kNone && reachable_by_spawn(w.chan)) free_[p] = 1;
        for (uint32_t q : releasers(p, w)) waiters_of[q].push_back(p);
      }
    }
    for (uint32_t p = 0; p < P; ++p)
      if (free_[p]) work.push_back(p);
    while (!work.empty()) {
      const uint32_t q = work.back();
      work.pop_back();
      for (uint32_t p : waiters_of[q])
        if (!free_[p]) {
          free_[p] = 1;
          work.push_back(p);
        }
    }
  }

  first_edge_.assign(P + 1, 0);
  for (uint32_t p = 0; p < P; ++p) {
    first_edge_[p] = edges_.size();
    if (!dead(p)) continue;
    for (const WaitOn& w : waits(p))
      for (uint32_t q : releasers(p, w)) edges_.push_back({p, q, w.chan, w.op});
  }
  first_edge_[P] = edges_.size();

  // Tarjan's strongly connected components over dead processes, without recursion.
  std::vector<uint32_t> index(P, kNone), low(P, 0), stack;
  std::vector<char> on_stack(P, 0);
  std::vector<std::pair<uint32_t, size_t>> call;  // (process, next edge to look at)
  uint32_t counter = 0;
  for (uint32_t root = 0; root < P; ++root) {
    if (!dead(root) || index[root] != kNone) continue;
    call.push_back({root, first_edge_[root]});
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = 1;
    while (!call.empty()) {
      auto& [v, e] = call.back();
      if (e < first_edge_[v + 1]) {
        const uint32_t w = edges_[e++].releaser;
        if (!dead(w)) continue;
        if (index[w] == kNone) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          on_stack[w] = 1;
          call.push_back({w, first_edge_[w]});
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      const uint32_t done = v;
      call.pop_back();
      if (!call.empty()) low[call.back().first] = std::min(low[call.back().first], low[done]);
      if (low[done] != index[done]) continue;
      std::vector<uint32_t> comp;
      uint32_t x;
      do {
        x = stack.back();
        stack.pop_back();
        on_stack[x] = 0;
        comp.push_back(x);
      } while (x != done);
      if (comp.size() < 2) continue;
      std::sort(comp.begin(), comp.end());
      for (uint32_t y : comp) in_cycle_[y] = 1;
      sccs_.push_back(std::move(comp));
    }
  }
  std::sort(sccs_.begin(), sccs_.end());
}

bool WaitGraph::armed_timer_guard(uint32_t p) const {
  const Wait& w = end_.processes[p].wait;
  auto armed = [&](uint32_t c) { return c < end_.channels.size() && end_.channels[c].timer_armed; };
  if (w.op != WaitOp::Alts) return w.op == WaitOp::Take && armed(w.chan);
  return std::any_of(w.guards.begin(), w.guards.end(),
                     [&](const Guard& g) { return g.op == WaitOp::Take && armed(g.chan); });
}

std::vector<WaitOn> WaitGraph::waits(uint32_t p) const {
  const Wait& w = end_.processes[p].wait;
  if (w.op != WaitOp::Alts) return {{w.op, w.chan}};
  std::vector<WaitOn> out;
  for (const Guard& g : w.guards) out.push_back({g.op, g.chan});
  return out;
}

std::vector<uint32_t> WaitGraph::all_releasers(WaitOn w) const {
  if (w.chan >= m_.channels().size()) return {};
  const ChannelUsers& u = use_.users(w.chan);
  const auto& doers = w.op == WaitOp::Take ? u.putters : u.takers;
  if (w.op == WaitOp::Take && !doers.empty()) {
    std::vector<uint32_t> out = doers;
    for (uint32_t h : use_.holders_of_values(w.chan)) {
      // A holder that waits to take from the same channel wants more, it gives nothing back.
      const Wait& hw = end_.processes[h].wait;
      const bool wants_more = is_waiting(end_.processes[h].state) && hw.op == WaitOp::Take &&
                              hw.chan == w.chan;
      if (!wants_more && std::find(out.begin(), out.end(), h) == out.end()) out.push_back(h);
    }
    return out;
  }
  if (!doers.empty() || u.creator == kNone) return doers;
  // Nobody ever did it: whoever may hold the channel might, i.e. its creator and what the
  // creator spawned after making it (a go process's result channel is put on by that process).
  std::vector<uint32_t> holders{u.creator};
  auto [first, last] = use_.spawned_after(u.creator, m_.channels()[w.chan].make_event);
  for (size_t k = first; k < last; ++k) holders.push_back(use_.euler_order()[k]);
  return holders;
}

std::vector<uint32_t> WaitGraph::releasers(uint32_t p, WaitOn w) const {
  std::vector<uint32_t> out;
  for (uint32_t q : all_releasers(w))
    if (q != p && live(q)) out.push_back(q);
  return out;
}

bool WaitGraph::joins(uint32_t p) const {
  const Wait& w = end_.processes[p].wait;
  return w.op == WaitOp::Take && w.chan < m_.channels().size() &&
         use_.users(w.chan).owner != kNone;
}

std::vector<WaitEdge> WaitGraph::cycle_in(const std::vector<uint32_t>& comp) const {
  // Components are small in practice; bound the starts tried so a huge one stays linear.
  constexpr size_t kMaxStarts = 64;
  std::vector<WaitEdge> best;
  for (bool with_joins : {false, true}) {
    for (size_t k = 0, tried = 0; k < comp.size() && tried < kMaxStarts; ++k) {
      if (!with_joins && joins(comp[k])) continue;
      ++tried;
      std::vector<WaitEdge> c = shortest_cycle_through(comp[k], comp, with_joins);
      if (!c.empty() && (best.empty() || c.size() < best.size())) best = std::move(c);
    }
    if (!best.empty()) break;
  }
  // Start the cycle at its lowest process index, so the same deadlock reads the same way.
  auto first = std::min_element(best.begin(), best.end(), [](const WaitEdge& x, const WaitEdge& y) {
    return x.waiter < y.waiter;
  });
  std::rotate(best.begin(), first, best.end());
  return best;
}

std::vector<WaitEdge> WaitGraph::shortest_cycle_through(uint32_t start,
                                                        const std::vector<uint32_t>& comp,
                                                        bool with_joins) const {
  auto member = [&](uint32_t q) {
    return std::binary_search(comp.begin(), comp.end(), q) && (with_joins || !joins(q));
  };
  // Breadth-first search from start inside the component until an edge leads back to it.
  std::unordered_map<uint32_t, size_t> via;  // process -> edge index that reached it
  std::vector<uint32_t> frontier{start};
  via[start] = kNone;
  for (size_t n = 0; n < frontier.size(); ++n) {
    const uint32_t v = frontier[n];
    for (size_t e = first_edge_[v]; e < first_edge_[v + 1]; ++e) {
      const uint32_t w = edges_[e].releaser;
      if (!member(w)) continue;
      if (w == start) {
        std::vector<WaitEdge> cycle{edges_[e]};
        for (uint32_t x = v; x != start; x = edges_[via[x]].waiter) cycle.push_back(edges_[via[x]]);
        std::reverse(cycle.begin(), cycle.end());
        return cycle;
      }
      if (via.try_emplace(w, e).second) frontier.push_back(w);
    }
  }
  return {};
}

}  // namespace csptrace
