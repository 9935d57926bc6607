#include "wait_graph.hpp"

#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace csptrace {

WaitGraph::WaitGraph(const TraceModel& m, const ReplayState& end, const ChannelUse& use,
                     bool program_over)
    : m_(m),
      end_(end),
      use_(use),
      program_over_(program_over),
      cache_(std::make_unique<ReleaserCache>()) {
  const uint32_t P = static_cast<uint32_t>(end.processes.size());
  stuck_.assign(P, 0);
  in_cycle_.assign(P, 0);
  for (uint32_t p = 0; p < P; ++p) {
    const ProcessState& ps = end.processes[p];
    stuck_[p] =
        live(p) && is_waiting(ps.state) && !ps.wait.completed && !(program_over && daemon(p));
  }
  find_free(false);
  find_free(true);

  first_edge_.assign(P + 1, 0);
  for (uint32_t p = 0; p < P; ++p) {
    first_edge_[p] = edge_offset();
    if (!dead(p) && !predicted(p)) continue;
    for (const WaitOn& w : waits(p))
      for (const Releaser& r : all_releasers(p, w)) {
        // Only a releaser that did the operation, owns or holds the channel is an edge: a
        // handle nobody is known to hold explains nothing (docs/analysis.md).
        if (r.because == Because::MayHold || !live(r.proc)) continue;
        if (predicted(p) && !predicted(r.proc)) continue;  // the way out: told in the text
        edges_.push_back({p, r.proc, w.chan, w.op});
      }
  }
  first_edge_[P] = edge_offset();
  find_components();
}

bool WaitGraph::blocked_on(uint32_t p, uint32_t c) const {
  const ProcessState& ps = end_.processes[p];
  return is_waiting(ps.state) && !ps.wait.completed && ps.wait.op != WaitOp::Alts &&
         ps.wait.chan == c;
}

bool WaitGraph::reachable_by_spawn(uint32_t c, const std::vector<size_t>& free_before) const {
  // A free process spawned by a holder of c after c was made may have captured it. Spawned
  // descendants are a range of the Euler order, so a prefix count answers in O(1).
  const ChannelUsers& u = use_.users(c);
  const size_t made = m_.channels()[c].make_event;
  auto spawned_free = [&](uint32_t h) {
    if (h == kNone) return false;
    auto [first, last] = use_.spawned_after(h, made);
    return free_before[last] > free_before[first];
  };
  if (spawned_free(u.creator) || spawned_free(u.closer)) return true;
  for (uint32_t h : u.putters)
    if (spawned_free(h)) return true;
  for (uint32_t h : u.takers)
    if (spawned_free(h)) return true;
  return false;
}

uint32_t WaitGraph::edge_offset() const {
  if (edges_.size() >= kNone)  // 64 GB of edges: no trace this could be judged for gets here
    throw std::length_error("the wait-for graph has more than 4 294 967 294 edges");
  return static_cast<uint32_t>(edges_.size());
}

void WaitGraph::find_free(bool strong) {
  const uint32_t P = static_cast<uint32_t>(end_.processes.size());
  std::vector<char>& fr = strong ? strong_ : free_;
  fr.assign(P, 0);
  if (program_over_) return;
  for (uint32_t p = 0; p < P; ++p)
    if (active(p)) fr[p] = 1;
  // The spawn rule reads the processes free before propagation, counted along the Euler order
  // of the spawn tree (free_before[k]: free processes among its first k); a cache per channel.
  const auto& euler = use_.euler_order();
  std::vector<size_t> free_before(euler.size() + 1, 0);
  for (size_t k = 0; k < euler.size(); ++k) free_before[k + 1] = free_before[k] + fr[euler[k]];
  std::unordered_map<uint32_t, bool> spawn_cache;
  std::vector<std::vector<uint32_t>> waiters_of(P);  // q -> stuck processes q could release
  std::vector<uint32_t> work;
  for (uint32_t p = 0; p < P; ++p) {
    if (!stuck_[p] || fr[p]) continue;
    for (const WaitOn& w : waits(p)) {
      if (!strong && w.chan != kNone) {
        auto [it, fresh] = spawn_cache.try_emplace(w.chan, false);
        if (fresh) it->second = reachable_by_spawn(w.chan, free_before);
        if (it->second) fr[p] = 1;
      }
      for (const Releaser& r : all_releasers(p, w)) {
        if (!live(r.proc) || (strong && weak(p, w, r))) continue;
        waiters_of[r.proc].push_back(p);
      }
    }
  }
  for (uint32_t p = 0; p < P; ++p)
    if (fr[p]) work.push_back(p);
  while (!work.empty()) {
    const uint32_t q = work.back();
    work.pop_back();
    for (uint32_t p : waiters_of[q])
      if (!fr[p]) {
        fr[p] = 1;
        work.push_back(p);
      }
  }
}

void WaitGraph::find_components() {
  // Tarjan's strongly connected components over the dead and the predicted processes, without
  // recursion. Edges join processes of one class only (see the constructor), so every
  // component is of one class.
  const uint32_t P = static_cast<uint32_t>(end_.processes.size());
  auto node = [&](uint32_t p) { return dead(p) || predicted(p); };
  std::vector<uint32_t> index(P, kNone), low(P, 0), stack;
  std::vector<char> on_stack(P, 0);
  std::vector<std::pair<uint32_t, size_t>> call;  // (process, next edge to look at)
  uint32_t counter = 0;
  for (uint32_t root = 0; root < P; ++root) {
    if (!node(root) || index[root] != kNone) continue;
    call.push_back({root, first_edge_[root]});
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = 1;
    while (!call.empty()) {
      auto& [v, e] = call.back();
      if (e < first_edge_[v + 1]) {
        const uint32_t w = edges_[e++].releaser;
        if (!node(w)) continue;
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

struct WaitGraph::ReleaserCache {
  std::mutex mu;
  std::unordered_map<uint64_t, std::vector<Releaser>> of;  // key: chan << 1 | (op == take)
  std::vector<uint64_t> seen;                              // by process: == epoch when added
  uint64_t epoch = 0;
  std::unordered_map<uint32_t, Holders> blocked_holders;  // by channel
};

const WaitGraph::Holders& WaitGraph::blocked_holders(uint32_t c) const {
  ReleaserCache& cache = *cache_;
  std::lock_guard lock(cache.mu);
  // Map values never move: the reference stays valid after the lock is released.
  auto [it, fresh] = cache.blocked_holders.try_emplace(c);
  if (!fresh) return it->second;
  Holders& h = it->second;
  auto add = [&](uint32_t q) {
    if (blocked_on(q, c) && h.members.insert(q).second) h.list.push_back(q);
  };
  for (uint32_t q : may_hold(c)) add(q);
  for (uint32_t q : use_.users(c).handles) add(q);
  return h;
}

WaitGraph::~WaitGraph() = default;

std::vector<Releaser> WaitGraph::all_releasers(uint32_t p, WaitOn w) const {
  std::vector<Releaser> out;
  if (w.chan >= m_.channels().size()) return out;
  const std::vector<Releaser> all = releasers_of(w);
  out.reserve(all.size());
  for (const Releaser& r : all)
    if (r.proc != p) out.push_back(r);
  return out;
}

std::vector<Releaser> WaitGraph::releasers_of(WaitOn w) const {
  ReleaserCache& cache = *cache_;
  std::lock_guard lock(cache.mu);
  const uint64_t key = uint64_t{w.chan} << 1 | (w.op == WaitOp::Take ? 1 : 0);
  if (auto it = cache.of.find(key); it != cache.of.end()) return it->second;
  std::vector<Releaser> out;
  ++cache.epoch;
  cache.seen.resize(end_.processes.size(), 0);
  auto add = [&](uint32_t q, Because because) {
    if (q >= end_.processes.size() || internal(q) || blocked_on(q, w.chan)) return;
    if (cache.seen[q] == cache.epoch) return;  // the first reason found stands
    cache.seen[q] = cache.epoch;
    out.push_back({q, because});
  };
  const ChannelUsers& u = use_.users(w.chan);
  const bool take = w.op == WaitOp::Take;
  const auto& doers = take ? u.putters : u.takers;
  for (uint32_t q : doers) add(q, take && q == u.owner ? Because::Owns : Because::Did);
  if (take)
    for (uint32_t h : use_.holders_of_values(w.chan)) add(h, Because::Holds);
  if (doers.empty()) {
    // Nobody ever did it: whoever holds the channel might; first those the trace says hold
    // it, then those that may.
    if (u.creator != kNone) add(u.creator, Because::Handle);
    for (uint32_t q : u.handles) add(q, Because::Handle);
    for (uint32_t q : may_hold(w.chan)) add(q, Because::MayHold);
  }
  return cache.of[key] = std::move(out);
}

std::vector<uint32_t> WaitGraph::may_hold(uint32_t c) const {
  const ChannelUsers& u = use_.users(c);
  if (u.creator == kNone) return {};
  std::vector<uint32_t> out{u.creator};
  auto [first, last] = use_.spawned_after(u.creator, m_.channels()[c].make_event);
  for (size_t k = first; k < last; ++k) out.push_back(use_.euler_order()[k]);
  return out;
}

std::vector<uint32_t> WaitGraph::releasers(uint32_t p, WaitOn w) const {
  std::vector<uint32_t> out;
  for (const Releaser& r : all_releasers(p, w))
    if (live(r.proc)) out.push_back(r.proc);
  return out;
}

bool WaitGraph::weak(uint32_t p, WaitOn w, const Releaser& r) const {
  if (r.because == Because::MayHold) return true;
  // A process holding a handle it never used, asleep: it may use it when it wakes, but nothing
  // in the run shows it will (the same as any sleeper that has not touched the channel).
  if (!stuck_[r.proc] || !armed_timer_guard(r.proc)) return false;
  // A sleeper that has not used the channel since p began waiting.
  const size_t last = use_.last_use(w.chan, r.proc);
  const size_t since = wait_since(end_.processes[p]);
  return last == kNone || since == kNone || last < since;
}

bool WaitGraph::joins(uint32_t p) const {
  const Wait& w = end_.processes[p].wait;
  return w.op == WaitOp::Take && w.chan < m_.channels().size() && use_.users(w.chan).owner != kNone;
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
