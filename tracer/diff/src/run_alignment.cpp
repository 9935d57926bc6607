#include <csptrace/run_alignment.hpp>

#include <algorithm>

namespace csptrace {

namespace {

std::vector<uint32_t> decide_events(const TraceModel& m) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < m.size(); ++i)
    if (m.kind(i) == EventKind::Decide) out.push_back(static_cast<uint32_t>(i));
  return out;
}

void sort_unique(std::vector<size_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

RunAlignment::RunAlignment(const TraceModel& a, const TraceModel& b, const TraceDiff& d)
    : a_{&a, ProcessSteps(a), d.match.proc_b, decide_events(a), {}},
      b_{&b, ProcessSteps(b), d.match.proc_a, decide_events(b), {}} {
  auto add = [](std::vector<size_t>& to, size_t event) {
    if (event != kNone) to.push_back(event);
  };
  for (const ProcessDivergence& v : d.processes) {
    if (v.cut) continue;
    add(a_.differences, v.event_a);
    add(b_.differences, v.event_b);
  }
  for (const ChannelDifference& c : d.channels) {
    add(a_.differences, c.event_a);
    add(b_.differences, c.event_b);
  }
  if (d.decisions.parted) {
    add(a_.differences, d.decisions.event_a);
    add(b_.differences, d.decisions.event_b);
  }
  sort_unique(a_.differences);
  sort_unique(b_.differences);
}

// Process p's step at event i (next: its first step at or after i) in `from`, as the step of
// the same index of p's counterpart in `to`.
size_t RunAlignment::aligned_step(const Side& from, const Side& to, uint32_t p, size_t i,
                                  bool next) const {
  const uint32_t q = from.to_other[p];
  if (q == kNone) return kNone;
  const auto xs = from.steps.of(p), ys = to.steps.of(q);
  if (ys.empty()) return kNone;
  size_t k = static_cast<size_t>(std::lower_bound(xs.begin(), xs.end(), i) - xs.begin());
  if (!next && (k == xs.size() || xs[k] != i)) return kNone;
  return ys[std::min(k, ys.size() - 1)];
}

size_t RunAlignment::aligned(Run run, size_t i) const {
  const Side& from = side(run);
  const Side& to = side(run == Run::A ? Run::B : Run::A);
  const TraceModel& m = *from.m;
  if (i >= m.size()) return kNone;
  uint32_t owners[2];
  if (step_owners(m, i, owners) > 0) return aligned_step(from, to, owners[0], i, false);
  if (m.kind(i) == EventKind::Decide) {
    const size_t d = static_cast<size_t>(
        std::lower_bound(from.decides.begin(), from.decides.end(), i) - from.decides.begin());
    return d < to.decides.size() ? to.decides[d] : kNone;
  }
  const uint32_t p = m.proc_index(i) != kNone ? m.proc_index(i) : m.to_index(i);
  if (p != kNone) return aligned_step(from, to, p, i, true);
  // The nearest earlier event of a process or a decision (each aligns without looking back).
  for (size_t j = i; j-- > 0;) {
    if (m.proc_index(j) == kNone && m.to_index(j) == kNone && m.kind(j) != EventKind::Decide)
      continue;
    if (const size_t e = aligned(run, j); e != kNone) return e;
  }
  return to.m->empty() ? kNone : 0;
}

size_t RunAlignment::next_difference(Run run, size_t i) const {
  const std::vector<size_t>& v = side(run).differences;
  auto it = std::upper_bound(v.begin(), v.end(), i);
  return it == v.end() ? kNone : *it;
}

size_t RunAlignment::previous_difference(Run run, size_t i) const {
  const std::vector<size_t>& v = side(run).differences;
  auto it = std::lower_bound(v.begin(), v.end(), i);
  return it == v.begin() ? kNone : *std::prev(it);
}

}  // namespace csptrace
