// A first look at a trace, read in one pass that keeps almost nothing (issue 26): the run's
// lanes, its span, and how many events each lane has in each stretch of time. The viewer draws
// it while it reads the trace itself, so a trace of a hundred million events shows its
// processes and channels, and where they were busy, in about a second instead of after every
// event is read and indexed.
//
// Invariants: `skeleton` is the model of the trace's spawn, chan_make and end events alone
// (LoadOptions::on_skipped), so its process and channel indices, names and header are those of
// the whole trace's model; `events` counts every event read; `first`, `last` and `end` are the
// run's extremes as cspview's run_span_of computes them from the whole model; `density` counts
// each event on the lanes the whole model puts it on (TraceModel::proc_index and chan_index),
// the skeleton's events included. None of the events beyond the skeleton is checked: the load
// that follows checks them all.
#pragma once

#include <csptrace/lane_density.hpp>
#include <csptrace/load_options.hpp>
#include <csptrace/trace_model.hpp>

#include <cstdint>
#include <string>

namespace csptrace {

struct TracePreview {
  TraceModel skeleton;
  uint64_t events = 0;
  int64_t first = 0;  // time of the first event (the earliest, when stamped out of order)
  int64_t last = 0;   // time of the latest event but `end`
  int64_t end = 0;    // time of `end`, or last when the trace has none
  LaneDensity density;

  size_t memory_bytes() const { return skeleton.memory_bytes() + density.memory_bytes(); }
};

// Reads the trace at `path` (either encoding) once. Progress, cancel and notice as for
// load_trace; throws what load_trace throws for a file it cannot read, and TraceError for a
// spawn, chan_make or end event that breaks the rules.
TracePreview preview_trace(const std::string& path, const LoadOptions& options = {});

}  // namespace csptrace
