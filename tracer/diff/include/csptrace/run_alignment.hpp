// Stepping through two runs side by side (the viewer's comparison): for an event of one run,
// the event of the other that stands for the same moment of the same process, and the events
// where the runs differ, in order, for "next difference" and "previous difference".
//
// The aligned event of event i (of either run):
//  - a step of process p (process_steps.hpp), p's k-th: the k-th step of p's counterpart (its
//    last step when it has fewer, kNone when it has none or p has no counterpart);
//  - a `decide` event, the run's d-th: the other run's d-th decide event (kNone past its end);
//  - another event of process p (a park, a wake): aligned as p's next step, the one its wait is
//    for (its last step when none follows);
//  - an event of no process (timer_fire, deadlock, end): aligned as the nearest event before it
//    that aligns, else the other run's first event.
#pragma once

#include <csptrace/process_steps.hpp>
#include <csptrace/trace_diff.hpp>

#include <cstddef>
#include <vector>

namespace csptrace {

class RunAlignment {
 public:
  enum class Run { A, B };

  // a and b must outlive it; d is diff_traces(a, b, ...), read only here.
  RunAlignment(const TraceModel& a, const TraceModel& b, const TraceDiff& d);

  // The event of the other run aligned with event i of `run`, or kNone.
  size_t aligned(Run run, size_t i) const;

  // Where the runs differ, as events of `run`, ascending and distinct: each differing process's
  // first differing step, each differing channel's first differing transfer, the decision where
  // the runs part (those that run has).
  const std::vector<size_t>& differences(Run run) const { return side(run).differences; }
  // The first difference after event i, or the last one before it; kNone when there is none.
  size_t next_difference(Run run, size_t i) const;
  size_t previous_difference(Run run, size_t i) const;

 private:
  struct Side {
    const TraceModel* m;
    ProcessSteps steps;
    std::vector<uint32_t> to_other;  // the match, from this run's processes
    std::vector<uint32_t> decides;   // event indices of the decide events
    std::vector<size_t> differences;
  };
  const Side& side(Run run) const { return run == Run::A ? a_ : b_; }
  size_t aligned_step(const Side& from, const Side& to, uint32_t p, size_t i, bool next) const;

  Side a_, b_;
};

}  // namespace csptrace
