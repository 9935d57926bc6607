// The analysis of each run (the same judge() as `csptrace check`) side by side: the findings one
// run has and the other has not, and how each run ended.
#include "diff_parts.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace csptrace::diff_detail {

namespace {

// A finding's processes as B's dense indices (kNone for one B lacks), sorted.
std::vector<uint32_t> in_b(const Finding& f, const std::vector<uint32_t>& to_b) {
  std::vector<uint32_t> out;
  for (uint32_t p : f.processes) out.push_back(p < to_b.size() ? to_b[p] : kNone);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<uint32_t> sorted(std::vector<uint32_t> v) {
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

void diff_outcomes(const std::vector<Finding>& fa, const std::vector<Finding>& fb, EndReason end_a,
                   EndReason end_b, TraceDiff& d) {
  // Two findings are the same outcome when they are of one kind about the same processes. Each
  // run's outcomes are found in a set of the other's: a run that deadlocks with n processes has
  // a finding for each, and comparing every pair took minutes at 100 000.
  using Outcome = std::pair<FindingKind, std::vector<uint32_t>>;
  std::set<Outcome> in_a, in_b_run;
  for (const Finding& x : fa) in_a.emplace(x.kind, in_b(x, d.match.proc_b));
  for (const Finding& y : fb) in_b_run.emplace(y.kind, sorted(y.processes));
  for (const Finding& x : fa)
    if (!in_b_run.count({x.kind, in_b(x, d.match.proc_b)})) d.outcome.only_a.push_back(x);
  for (const Finding& y : fb)
    if (!in_a.count({y.kind, sorted(y.processes)})) d.outcome.only_b.push_back(y);
  d.outcome.end_a = end_a;
  d.outcome.end_b = end_b;
}

}  // namespace csptrace::diff_detail
