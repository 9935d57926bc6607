// Where an explored run's schedule deviates from "run in order", as the viewer shows it: a
// marker on the lane of what the scheduler chose at each decision that was not the default
// (csptrace::deviations: a younger process run before the oldest runnable one, a timer fired
// while processes could run, a guard other than the first), the words for it, and stepping
// from one to the next. Computed once per document from the trace's `decide` events; the
// painters, the story, the tooltips, stepping and --view-json all read it from here. Qt-free.
//
// Invariants: all() is in event order; on_process / on_channel list indices into all() sorted
// by (time, event), so a lane finds its visible markers with a binary search. A trace without
// decide events (a pool run) or whose schedule ran in order has none.
#pragma once

#include <csptrace/schema.hpp>
#include <csptrace/trace_model.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace cspview {

struct DeviationMark {
  size_t event = 0;  // the decide event (an index)
  csptrace::Decision kind = csptrace::Decision::Run;
  // The lane the marker goes on: the chosen process (for a guard: the alt's process), or, when
  // a timer fired while processes could run, the timer's channel. Indices; kNone when absent.
  uint32_t proc = csptrace::kNone;
  uint32_t chan = csptrace::kNone;
  std::string lane;  // that process's or channel's label
  // What was chosen and what running in order would have chosen, as the viewer names them:
  // "phil-3" / "phil-2"; "the timer timeout" / "worker"; "guard 2" / "guard 0".
  std::string chosen, by_default;
  size_t decision = 0;   // its number among the run's decisions, from 1
  size_t decisions = 0;  // how many decisions the run made
};

class ScheduleDeviations {
 public:
  ScheduleDeviations() = default;
  // The document's process and channel labels, by index.
  using LabelOf = std::function<std::string(uint32_t)>;
  ScheduleDeviations(const csptrace::TraceModel& m, const LabelOf& proc_label,
                     const LabelOf& chan_label);

  const std::vector<DeviationMark>& all() const { return marks_; }
  bool empty() const { return marks_.empty(); }
  std::span<const uint32_t> on_process(uint32_t p) const;
  std::span<const uint32_t> on_channel(uint32_t c) const;
  // The deviation made at event e, or null.
  const DeviationMark* at_event(size_t e) const;
  // The first deviation after the cursor's event (forward) or before it (backward); the cursor
  // nullopt is before the first event. nullopt when there is none that way.
  std::optional<size_t> next_event(std::optional<size_t> cursor, bool forward) const;

 private:
  std::vector<DeviationMark> marks_;
  std::vector<std::vector<uint32_t>> by_proc_, by_chan_;
};

// "The scheduler picks phil-3 to run next, before phil-2 (the oldest that could run): a
// deviation from running in order (decision 17 of 46)."
std::string deviation_text(const DeviationMark& d);
// The short label beside the marker: "before phil-2", "guard 2, not 0".
std::string deviation_label(const DeviationMark& d);

}  // namespace cspview
