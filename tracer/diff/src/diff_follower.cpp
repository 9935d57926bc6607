#include <csptrace/diff_follower.hpp>

#include "diff_parts.hpp"
#include "step_digest.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_map>

namespace csptrace {

using diff_detail::kUnmatched;

DiffFollower::DiffFollower(const RunDigest& a)
    : a_(a), proc_names_(a.name_count(), 0), chan_names_(a.name_count(), 0) {}

void DiffFollower::match_new(const TraceModel& m) {
  auto match = [&](const auto& all, std::vector<Part>& parts, std::vector<uint32_t>& counts,
                   bool procs) {
    for (size_t k = parts.size(); k < all.size(); ++k) {
      Part p;
      const StrId name = a_.name_id(m.str(all[k].name));
      if (name != StringTable::kAbsent) {
        const uint32_t nth = counts[name]++;
        p.a = procs ? a_.process_named(name, nth) : a_.channel_named(name, nth);
      }
      parts.push_back(p);
    }
  };
  match(m.processes(), procs_, proc_names_, true);
  match(m.channels(), chans_, chan_names_, false);
}

uint32_t DiffFollower::chan_in_a(uint32_t cb) const {
  if (cb == kNone) return kNone;
  return chans_[cb].a == kNone ? kUnmatched : chans_[cb].a;
}

void DiffFollower::take(const TraceModel& m) {
  match_new(m);
  for (; next_ < m.size(); ++next_) {
    take_steps(m, next_);
    const EventKind kind = m.kind(next_);
    if (kind == EventKind::Transfer)
      take_transfer(m, next_);
    else if (kind == EventKind::Decide)
      take_decision(m, next_);
  }
}

void DiffFollower::take_steps(const TraceModel& m, size_t i) {
  uint32_t owners[2];
  const int n = step_owners(m, i, owners);
  for (int o = 0; o < n; ++o) {
    Part& p = procs_[owners[o]];
    if (p.a == kNone) continue;
    const uint32_t k = p.seen++;
    if (p.parted != kNone) continue;
    const auto xa = a_.steps(p.a);
    if (k < xa.size() && diff_detail::step_digest(m, i, owners[o], chan_in_a(m.chan_index(i)),
                                                  a_.step_compare()) == xa[k].digest)
      continue;
    ProcessDivergence v;
    v.proc_a = p.a;
    v.proc_b = owners[o];
    v.step = k;
    v.event_a = k < xa.size() ? xa[k].event : kNone;
    v.event_b = i;
    p.parted = static_cast<uint32_t>(parted_procs_.size());
    parted_procs_.push_back(v);
  }
}

void DiffFollower::take_transfer(const TraceModel& m, size_t i) {
  Part& c = chans_[m.chan_index(i)];
  if (c.a == kNone) return;
  const uint32_t k = c.seen++;
  const auto xa = a_.transfers(c.a);
  const bool by_value = !a_.options().ignore_values;
  if (c.parted == kNone) {
    // With ignore_values only the counts differ: B parts at A's count.
    if (k < xa.size() &&
        (!by_value || diff_detail::value_digest(m, m.field<Field::value>(i)) == xa[k].digest))
      return;
    c.parted = static_cast<uint32_t>(rests_.size());
    rests_.push_back({k, {}, by_value ? kNone : static_cast<uint32_t>(i)});
  }
  if (by_value)
    rests_[c.parted].entries.push_back({m.chan_index(i), static_cast<uint32_t>(i),
                                        diff_detail::value_digest(m, m.field<Field::value>(i))});
}

void DiffFollower::take_decision(const TraceModel& m, size_t i) {
  const size_t k = decisions_++;
  if (parted_at_ != kNone) return;
  const uint32_t pb = m.proc_index(i);
  const uint32_t pa = pb == kNone ? kNone : procs_[pb].a == kNone ? kUnmatched : procs_[pb].a;
  const RunDigest::Decision db = diff_detail::decision_of(m, i, pa, chan_in_a(m.chan_index(i)));
  const auto& da = a_.decisions();
  if (k < da.size() && da[k].same_choice(db)) return;
  parted_at_ = k;
  parted_event_ = static_cast<uint32_t>(i);
}

void DiffFollower::finish_processes(const TraceModel& m, TraceDiff& d) const {
  for (uint32_t pb = 0; pb < procs_.size(); ++pb) {
    const Part& p = procs_[pb];
    if (p.a == kNone) continue;
    const auto xa = a_.steps(p.a);
    ProcessDivergence v;
    if (p.parted != kNone) {
      v = parted_procs_[p.parted];
    } else if (p.seen != xa.size()) {  // B did fewer steps: more would have parted
      v.proc_a = p.a;
      v.proc_b = pb;
      v.step = p.seen;
      v.event_a = xa[p.seen].event;
    } else {
      continue;
    }
    v.steps_a = xa.size();
    v.steps_b = p.seen;
    // A prefix of the other run's steps, in a trace that was cut short: the rest is unrecorded.
    v.cut = (v.step == v.steps_a && !a_.complete()) || (v.step == v.steps_b && !m.complete());
    d.processes.push_back(v);
  }
  // A missing side is at its run's end, after every event of it.
  auto key = [&](const ProcessDivergence& v) {
    const size_t ea = v.event_a == kNone ? a_.events() : v.event_a;
    const size_t eb = v.event_b == kNone ? m.size() : v.event_b;
    return std::make_tuple(v.cut, std::min(ea, eb), std::max(ea, eb), v.proc_a);
  };
  std::sort(
      d.processes.begin(), d.processes.end(),
      [&](const ProcessDivergence& x, const ProcessDivergence& y) { return key(x) < key(y); });
}

namespace {

// The values of xa that xb lacks (as many times as they are missing), and those of xb xa lacks,
// each listed in its run's order.
void unmatched_values(std::span<const RunDigest::Entry> xa, std::span<const RunDigest::Entry> xb,
                      ChannelDifference& out) {
  std::unordered_map<uint64_t, long> balance;  // occurrences in A minus occurrences in B
  for (const RunDigest::Entry& e : xa) ++balance[e.digest];
  for (const RunDigest::Entry& e : xb) --balance[e.digest];
  auto collect = [&](std::span<const RunDigest::Entry> xs, long sign, std::vector<size_t>& listed,
                     size_t& total) {
    for (const RunDigest::Entry& e : xs) {
      long& left = balance[e.digest];
      if (left * sign <= 0) continue;
      left -= sign;
      if (listed.size() < ChannelDifference::kListed) listed.push_back(e.event);
      ++total;
    }
  };
  collect(xa, +1, out.only_a, out.only_a_total);
  collect(xb, -1, out.only_b, out.only_b_total);
}

}  // namespace

void DiffFollower::finish_channels(const TraceModel& m, TraceDiff& d) const {
  const DiffOptions& o = a_.options();
  for (uint32_t cb = 0; cb < chans_.size(); ++cb) {
    const Part& c = chans_[cb];
    if (c.a == kNone) continue;
    const auto xa = a_.transfers(c.a);
    const size_t nb = c.seen;
    const Rest* rest = c.parted == kNone ? nullptr : &rests_[c.parted];
    // The first transfer that differs: where B parted, or the end of the shorter run.
    const size_t k = rest ? std::min(rest->from, xa.size()) : std::min<size_t>(nb, xa.size());
    if (k == xa.size() && k == nb) continue;
    // A prefix of the other run's transfers, in a trace cut short: the rest was not recorded.
    if ((k == xa.size() && !a_.complete()) || (k == nb && !m.complete())) continue;
    ChannelDifference x;
    x.chan_a = c.a;
    x.chan_b = cb;
    x.transfers_a = xa.size();
    x.transfers_b = nb;
    x.transfer = k;
    if (k < xa.size()) x.event_a = xa[k].event;
    if (o.ignore_values) {
      if (k < nb) x.event_b = rest->beyond_a;
      x.kind = ChannelDifference::Kind::Count;
    } else {
      if (k < nb) x.event_b = rest->entries.front().event;
      const std::span<const RunDigest::Entry> xb =
          rest ? std::span<const RunDigest::Entry>(rest->entries)
               : std::span<const RunDigest::Entry>();
      unmatched_values(xa.subspan(k), xb, x);  // the first k are the same
      const bool reordered = x.only_a_total == 0 && x.only_b_total == 0;
      if (reordered && o.ignore_order_within_channel) continue;
      x.kind = reordered ? ChannelDifference::Kind::Order : ChannelDifference::Kind::Values;
    }
    d.channels.push_back(std::move(x));
  }
  std::sort(
      d.channels.begin(), d.channels.end(),
      [](const ChannelDifference& x, const ChannelDifference& y) { return x.chan_a < y.chan_a; });
}

void DiffFollower::finish_decisions(TraceDiff& d) const {
  DecisionParting& p = d.decisions;
  const auto& da = a_.decisions();
  p.decisions_a = da.size();
  p.decisions_b = decisions_;
  // A run that recorded no decisions (the pool) says nothing about where the schedules part.
  if (da.empty() || decisions_ == 0) return;
  if (parted_at_ != kNone) {
    p.decision = parted_at_;
    p.event_b = parted_event_;
  } else if (decisions_ != da.size()) {  // B made fewer: more would have parted
    p.decision = decisions_;
  } else {
    return;
  }
  p.parted = true;
  if (p.decision < da.size()) p.event_a = da[p.decision].event;
}

TraceDiff DiffFollower::finish(const TraceModel& m, const std::vector<Finding>& findings) {
  take(m);
  TraceDiff d;
  TraceMatch& match = d.match;
  match.proc_b.assign(a_.processes(), kNone);
  match.chan_b.assign(a_.channels(), kNone);
  for (uint32_t pb = 0; pb < procs_.size(); ++pb) {
    match.proc_a.push_back(procs_[pb].a);
    if (procs_[pb].a != kNone) match.proc_b[procs_[pb].a] = pb, ++match.procs_matched;
  }
  for (uint32_t cb = 0; cb < chans_.size(); ++cb) {
    match.chan_a.push_back(chans_[cb].a);
    if (chans_[cb].a != kNone) match.chan_b[chans_[cb].a] = cb, ++match.chans_matched;
  }
  finish_processes(m, d);
  finish_channels(m, d);
  diff_detail::diff_outcomes(a_.findings(), findings, a_.end_reason(), m.end_reason(), d);
  finish_decisions(d);
  return d;
}

}  // namespace csptrace
