#include "channel_use.hpp"

#include <algorithm>

namespace csptrace {

namespace {

uint64_t key(uint32_t c, uint32_t p) { return uint64_t(c) << 32 | p; }

}  // namespace

ChannelUse::Use& ChannelUse::entry(uint32_t c, uint32_t p) {
  Recent& r = recent_[c];
  if (r.proc[0] == p) return *r.use[0];
  if (r.proc[1] != p) {
    r.proc[1] = p;
    if (first_chan_[p] == kNone) first_chan_[p] = c;
    r.use[1] = first_chan_[p] == c ? &first_use_[p] : &more_uses_[key(c, p)];
  }
  std::swap(r.proc[0], r.proc[1]);
  std::swap(r.use[0], r.use[1]);
  return *r.use[0];
}

void ChannelUse::add_named_events(std::vector<size_t>& out) const {
  for (uint32_t p = 0; p < first_chan_.size(); ++p)
    if (first_chan_[p] != kNone && first_use_[p].last() != kNone)
      out.push_back(first_use_[p].last());
  for (const auto& [key, u] : more_uses_)
    if (u.last() != kNone) out.push_back(u.last());
  for (const auto& list : abandoned_)
    for (const Abandonment& a : list)
      if (a.event != kNone) out.push_back(a.event);
}

void ChannelUse::use(uint32_t c, uint32_t p, WaitOp op, size_t i) {
  if (c >= users_.size() || p >= m_->processes().size()) return;
  Use& u = entry(c, p);
  u.set_last(i);
  if (u.mark(op)) (op == WaitOp::Put ? users_[c].putters : users_[c].takers).push_back(p);
}

ChannelUse::ChannelUse(const TraceModel& m) {
  extend(m);
  finish(m);
}

void ChannelUse::extend(const TraceModel& m) {
  m_ = &m;
  const size_t P = m.processes().size(), C = m.channels().size();
  if (P > first_use_.capacity()) {
    first_use_.reserve(std::max(P, 2 * first_use_.capacity()));
    std::fill(recent_.begin(), recent_.end(), Recent{});  // its pointers into first_use_ moved
  }
  first_use_.resize(P);
  first_chan_.resize(P, kNone);
  last_child_.resize(P, kNone);
  users_.resize(C);
  recent_.resize(C);
  abandoned_.resize(C);
  auto& offering = offering_;

  for (size_t i = next_; i < m.size(); ++i) {
    const uint32_t p = m.proc_index(i), c = m.chan_index(i);
    switch (m.kind(i)) {
      case EventKind::Spawn:
        if (uint32_t parent = m.processes()[p].parent; parent != kNone) last_child_[parent] = p;
        break;
      case EventKind::ChanMake:
        if (c == kNone) break;
        users_[c].creator = p;
        // A result channel names its owner (chan_make's partner). Older and hand-written traces
        // may not: there go(name, f) / thread(name, f) is a spawn, then the parent makes the
        // result channel named after the child (other threads' events may come in between).
        if (const uint32_t owner = m.channels()[c].result_of; owner != kNone) {
          users_[c].owner = owner;
          use(c, owner, WaitOp::Put, i);
          if (p != kNone && last_child_[p] == owner) last_child_[p] = kNone;
        } else if (p != kNone && last_child_[p] != kNone &&
                   m.processes()[last_child_[p]].name ==
                       m.channels()[c].name) {  // interned: ids compare names
          users_[c].owner = last_child_[p];
          use(c, last_child_[p], WaitOp::Put, i);
          last_child_[p] = kNone;
        }
        break;
      case EventKind::ChanClose:
        if (c < users_.size() && p < P) {
          if (users_[c].closer == kNone) users_[c].closer = p;
          entry(c, p).set_last(i);
        }
        break;
      case EventKind::Park:
      case EventKind::Block:
      case EventKind::Refused:
        if (c != kNone) use(c, p, m.field<Field::op>(i), i);
        break;
      case EventKind::Transfer: {
        const uint32_t to = m.to_index(i), from = m.from_index(i);
        use(c, to, WaitOp::Take, i);
        // A value handed straight from a putter to a waiting taker (a lock's token given to the
        // next holder at unlock) moves exactly as one through the buffer: the taker holds it.
        // Through the buffer, buf_put and buf_take count it instead.
        if (m.field<Field::via>(i) == Via::Direct) {
          use(c, from, WaitOp::Put, i);
          if (c < users_.size() && from < P) ++entry(c, from).puts;
          if (c < users_.size() && to < P) ++entry(c, to).takes;
        }
        break;
      }
      case EventKind::BufPut:
        use(c, p, WaitOp::Put, i);
        if (c < users_.size() && p < P) ++entry(c, p).puts;
        break;
      case EventKind::BufTake:
        use(c, p, WaitOp::Take, i);
        if (c < users_.size() && p < P) ++entry(c, p).takes;
        break;
      case EventKind::Handle:
        if (c < users_.size() && p < P) {
          auto& h = users_[c].handles;
          if (std::find(h.begin(), h.end(), p) == h.end()) h.push_back(p);
        }
        break;
      case EventKind::AltOffer: offering[p].clear(); break;
      case EventKind::AltGuard: {
        const WaitOp op = m.field<Field::op>(i);
        use(c, p, op, i);
        offering[p].push_back({op, c});
        break;
      }
      case EventKind::AltChoice: {
        const int32_t idx = m.field<Field::index>(i);
        auto& guards = offering[p];
        if (idx >= 0 && size_t(idx) < guards.size() &&
            m.channels()[guards[idx].second].buffer == BufferKind::Timer)
          for (size_t g = 0; g < guards.size(); ++g)
            if (g != size_t(idx) && m.channels()[guards[g].second].buffer != BufferKind::Timer)
              abandoned_[guards[g].second].push_back({i, p, guards[g].first, guards[idx].second});
        offering.erase(p);  // guards refers to the erased entry: not used after this
        break;
      }
      default: break;
    }
  }

  next_ = m.size();
}

void ChannelUse::finish(const TraceModel& m) {
  m_ = &m;
  recent_ = {};
  offering_ = {};
  last_child_ = {};                 // only extend() reads it
  for (ChannelUsers& u : users_) {  // a list of millions grown by doubling: its slack goes
    u.putters.shrink_to_fit();
    u.takers.shrink_to_fit();
  }
  tree_.reset();  // made again for m when first asked
}

const ChannelUse::SpawnTree& ChannelUse::tree() const {
  if (tree_) return *tree_;
  const TraceModel& m = *m_;
  const size_t P = m.processes().size();
  SpawnTree& t = tree_.emplace();
  auto& [first_kid, kids, tin, tout, euler] = t;
  // The children of each process: processes are numbered in spawn order, so counting them by
  // parent and placing them in number order keeps each one's children in spawn order.
  first_kid.assign(P + 1, 0);
  for (uint32_t q = 0; q < P; ++q)
    if (const uint32_t parent = m.processes()[q].parent; parent != kNone) ++first_kid[parent + 1];
  for (size_t p = 0; p < P; ++p) first_kid[p + 1] += first_kid[p];
  kids.resize(first_kid[P]);
  {
    std::vector<uint32_t> next(first_kid.begin(), first_kid.end() - 1);
    for (uint32_t q = 0; q < P; ++q)
      if (const uint32_t parent = m.processes()[q].parent; parent != kNone)
        kids[next[parent]++] = q;
  }

  // Depth-first order of the spawn forest, children in spawn order, without recursion.
  tin.assign(P, 0);
  tout.assign(P, 0);
  euler.reserve(P);
  std::vector<std::pair<uint32_t, size_t>> stack;
  for (uint32_t root = 0; root < P; ++root) {
    if (m.processes()[root].parent != kNone) continue;
    stack.push_back({root, first_kid[root]});
    tin[root] = static_cast<uint32_t>(euler.size());
    euler.push_back(root);
    while (!stack.empty()) {
      auto& [p, next] = stack.back();
      if (next < first_kid[p + 1]) {
        const uint32_t ch = kids[next++];
        tin[ch] = static_cast<uint32_t>(euler.size());
        euler.push_back(ch);
        stack.push_back({ch, first_kid[ch]});
      } else {
        tout[p] = static_cast<uint32_t>(euler.size());
        stack.pop_back();
      }
    }
  }
  return t;
}

std::vector<uint32_t> ChannelUse::holders_of_values(uint32_t c) const {
  std::vector<uint32_t> out;
  if (c >= users_.size() || m_->channels()[c].buffer != BufferKind::Fixed) return out;
  for (uint32_t p : users_[c].takers) {
    const Use* u = find_use(c, p);
    if (u && u->takes > u->puts) out.push_back(p);
  }
  return out;
}

const ChannelUse::Use* ChannelUse::find_use(uint32_t c, uint32_t p) const {
  if (p >= first_chan_.size() || first_chan_[p] == kNone) return nullptr;
  if (first_chan_[p] == c) return &first_use_[p];
  auto it = more_uses_.find(key(c, p));
  return it == more_uses_.end() ? nullptr : &it->second;
}

size_t ChannelUse::last_use(uint32_t c, uint32_t p) const {
  const Use* u = find_use(c, p);
  return u ? u->last() : kNone;
}

std::pair<size_t, size_t> ChannelUse::spawned_after(uint32_t p, size_t after) const {
  const SpawnTree& t = tree();
  const auto first = t.kids.begin() + t.first_kid[p], end = t.kids.begin() + t.first_kid[p + 1];
  auto it = std::partition_point(
      first, end, [&](uint32_t c) { return m_->processes()[c].spawn_event <= after; });
  if (it == end) return {t.tout[p], t.tout[p]};
  return {t.tin[*it], t.tout[p]};
}

}  // namespace csptrace
