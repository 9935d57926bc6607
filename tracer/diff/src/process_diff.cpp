// Each matched process's steps in A against its steps in B: the first step where they differ.
#include <csptrace/process_steps.hpp>

#include "diff_parts.hpp"

#include <algorithm>
#include <tuple>

namespace csptrace::diff_detail {

void diff_processes(const TraceModel& a, const TraceModel& b, const DiffOptions& o, TraceDiff& d) {
  const ProcessSteps sa(a), sb(b);
  StepCompare how;
  how.ignore_values = o.ignore_values || o.ignore_order_within_channel;
  for (uint32_t pa = 0; pa < a.processes().size(); ++pa) {
    const uint32_t pb = d.match.proc_b[pa];
    if (pb == kNone) continue;
    const auto xa = sa.of(pa), xb = sb.of(pb);
    size_t k = 0;
    const size_t common = std::min(xa.size(), xb.size());
    while (k < common && same_step(a, xa[k], pa, b, xb[k], pb, d.match, how)) ++k;
    if (k == xa.size() && k == xb.size()) continue;
    ProcessDivergence v;
    v.proc_a = pa;
    v.proc_b = pb;
    v.step = k;
    v.steps_a = xa.size();
    v.steps_b = xb.size();
    if (k < xa.size()) v.event_a = xa[k];
    if (k < xb.size()) v.event_b = xb[k];
    // A prefix of the other run's steps, in a trace that was cut short: the rest is unrecorded.
    v.cut = (k == xa.size() && !a.complete()) || (k == xb.size() && !b.complete());
    d.processes.push_back(v);
  }
  // A missing side is at its run's end, after every event of it.
  auto key = [&](const ProcessDivergence& v) {
    const size_t ea = v.event_a == kNone ? a.size() : v.event_a;
    const size_t eb = v.event_b == kNone ? b.size() : v.event_b;
    return std::make_tuple(v.cut, std::min(ea, eb), std::max(ea, eb), v.proc_a);
  };
  std::sort(
      d.processes.begin(), d.processes.end(),
      [&](const ProcessDivergence& x, const ProcessDivergence& y) { return key(x) < key(y); });
}

}  // namespace csptrace::diff_detail
