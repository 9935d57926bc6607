// Where in time a trace's program ran, and the idle tail after it. A recorder stamps the `end`
// event when it closes the file, which can be long after the last thing the program did (the
// binary recorder's philosophers: the run ends at 0.57 ms, `end` at 7.6 ms). The view fits the
// run and shows the tail as a break, never as most of the screen.
//
// Invariants: first <= last <= end; last is the latest time of any event but `end`; end is the
// time of `end`, or last when the trace has none (cut short).
#pragma once

#include <csptrace/trace_model.hpp>

#include <cstdint>

namespace cspview {

struct RunSpan {
  int64_t first = 0;  // time of the first event
  int64_t last = 0;   // time of the last real event (before `end`)
  int64_t end = 0;    // time of `end`, or last

  int64_t duration() const { return last - first; }
  int64_t idle_tail() const { return end - last; }
  // The room fit leaves each side of the run: 2% of it, at least 500 ns (a one-instant run).
  double margin() const;
  // How far the view may go: never before time 0 or the run's left margin, never past `end`
  // and its margin.
  double view_lo() const;
  double view_hi() const;
  // The widest view zoom-out allows: the run with its margins and half again, so the idle
  // tail can be panned to but never takes most of the screen.
  double max_view() const;
};

// One pass over the time column (times are in seq order except in pool recordings, where two
// threads may stamp out of order, so this takes the extremes).
RunSpan run_span_of(const csptrace::TraceModel& m);

}  // namespace cspview
