// The scheduler's decisions of both runs in order: in two runs of one deterministic program,
// everything up to the first decision that differs happened the same way, so that decision is
// where the runs part (docs/explore.md: a run is its list of decisions).
#include "diff_parts.hpp"

namespace csptrace::diff_detail {

namespace {

std::vector<size_t> decide_events(const TraceModel& m) {
  std::vector<size_t> out;
  for (size_t i = 0; i < m.size(); ++i)
    if (m.kind(i) == EventKind::Decide) out.push_back(i);
  return out;
}

// The same choice among the same number of options, processes and channels through the match.
bool same_decision(const TraceModel& a, size_t ia, const TraceModel& b, size_t ib,
                   const TraceMatch& match) {
  constexpr FieldMask kCompared = f::decision | f::options | f::index | f::alt;
  const Event ea = a.event(ia, kCompared), eb = b.event(ib, kCompared);
  if (ea.decision != eb.decision || ea.options != eb.options || ea.index != eb.index ||
      ea.alt != eb.alt)
    return false;
  const uint32_t pa = a.proc_index(ia), pb = b.proc_index(ib);
  const uint32_t ca = a.chan_index(ia), cb = b.chan_index(ib);
  const bool procs = pa == kNone ? pb == kNone : match.proc_b[pa] == pb;
  const bool chans = ca == kNone ? cb == kNone : match.chan_b[ca] == cb;
  return procs && chans;
}

}  // namespace

void diff_decisions(const TraceModel& a, const TraceModel& b, TraceDiff& d) {
  const std::vector<size_t> da = decide_events(a), db = decide_events(b);
  DecisionParting& p = d.decisions;
  p.decisions_a = da.size();
  p.decisions_b = db.size();
  // A run that recorded no decisions (the pool) says nothing about where the schedules part.
  if (da.empty() || db.empty()) return;
  size_t k = 0;
  while (k < da.size() && k < db.size() && same_decision(a, da[k], b, db[k], d.match)) ++k;
  if (k == da.size() && k == db.size()) return;
  p.parted = true;
  p.decision = k;
  if (k < da.size()) p.event_a = da[k];
  if (k < db.size()) p.event_b = db[k];
}

}  // namespace csptrace::diff_detail
