#include "schedule_deviations.hpp"

#include <csptrace/run_steps.hpp>
#include <csptrace/schedule_deviation.hpp>

#include <algorithm>
#include <stdexcept>

namespace cspview {

using csptrace::Decision;
using csptrace::EventKind;
using csptrace::kNone;

ScheduleDeviations::ScheduleDeviations(const csptrace::TraceModel& m, const LabelOf& proc_label,
                                       const LabelOf& chan_label) {
  auto label_of = [](const LabelOf& label, uint32_t index, size_t count) {
    return index < count ? label(index) : std::string("?");
  };
  const size_t P = m.processes().size(), C = m.channels().size();
  // Only the deterministic scheduler decides, and records each decision as a decide event; a
  // pool run's events, or a run without decisions, are not read again (run_steps tracks every
  // process: 200 MB for a run of millions).
  if (m.header().scheduler != "deterministic") return;
  bool decided = false;
  for (size_t i = 0; i < m.size() && !decided; ++i) decided = m.kind(i) == EventKind::Decide;
  if (!decided) return;
  csptrace::RunSteps steps;
  try {
    steps = csptrace::run_steps(m);
  } catch (const std::invalid_argument&) {
    return;  // no decisions to show
  }
  for (const csptrace::ScheduleDeviation& d : csptrace::deviations(steps)) {
    DeviationMark mark;
    mark.event = d.event;
    mark.kind = d.chosen.kind;
    mark.decision = d.decision + 1;
    mark.decisions = steps.decisions.size();
    const uint32_t p = d.chosen.proc != 0 ? m.process_index(d.chosen.proc) : kNone;
    if (d.chosen.kind == Decision::Guard) {
      mark.proc = p;
      mark.chosen = "guard " + std::to_string(d.chosen.index);
      mark.by_default = "guard " + std::to_string(d.by_default.index);
    } else if (p != kNone) {
      mark.proc = p;
      mark.chosen = label_of(proc_label, p, P);
      mark.by_default = label_of(proc_label, m.process_index(d.by_default.proc), P);
    } else {
      mark.chan = m.channel_index(d.chosen.chan);
      mark.chosen = "the timer " + label_of(chan_label, mark.chan, C);
      mark.by_default = label_of(proc_label, m.process_index(d.by_default.proc), P);
    }
    if (mark.proc == kNone && mark.chan == kNone) continue;  // nowhere to show it
    mark.lane = mark.proc != kNone ? label_of(proc_label, mark.proc, P)
                                   : label_of(chan_label, mark.chan, C);
    marks_.push_back(std::move(mark));
  }
  // Lanes only for a run that has deviations: a list per process of a run without any cost 24
  // bytes a process, and a run may have millions.
  if (marks_.empty()) return;
  by_proc_.resize(m.processes().size());
  by_chan_.resize(m.channels().size());
  for (uint32_t k = 0; k < marks_.size(); ++k) {
    if (marks_[k].proc != kNone)
      by_proc_[marks_[k].proc].push_back(k);
    else
      by_chan_[marks_[k].chan].push_back(k);
  }
  auto by_time = [&](uint32_t a, uint32_t b) {
    return std::pair(m.time(marks_[a].event), a) < std::pair(m.time(marks_[b].event), b);
  };
  for (auto& lane : by_proc_) std::sort(lane.begin(), lane.end(), by_time);
  for (auto& lane : by_chan_) std::sort(lane.begin(), lane.end(), by_time);
}

std::span<const uint32_t> ScheduleDeviations::on_process(uint32_t p) const {
  return p < by_proc_.size() ? std::span<const uint32_t>(by_proc_[p]) : std::span<const uint32_t>();
}

std::span<const uint32_t> ScheduleDeviations::on_channel(uint32_t c) const {
  return c < by_chan_.size() ? std::span<const uint32_t>(by_chan_[c]) : std::span<const uint32_t>();
}

const DeviationMark* ScheduleDeviations::at_event(size_t e) const {
  auto it = std::lower_bound(marks_.begin(), marks_.end(), e,
                             [](const DeviationMark& d, size_t event) { return d.event < event; });
  return it != marks_.end() && it->event == e ? &*it : nullptr;
}

std::optional<size_t> ScheduleDeviations::next_event(std::optional<size_t> cursor,
                                                     bool forward) const {
  if (forward) {
    auto it = cursor ? std::upper_bound(
                           marks_.begin(), marks_.end(), *cursor,
                           [](size_t event, const DeviationMark& d) { return event < d.event; })
                     : marks_.begin();
    if (it == marks_.end()) return std::nullopt;
    return it->event;
  }
  if (!cursor) return std::nullopt;
  auto it = std::lower_bound(marks_.begin(), marks_.end(), *cursor,
                             [](const DeviationMark& d, size_t event) { return d.event < event; });
  if (it == marks_.begin()) return std::nullopt;
  return std::prev(it)->event;
}

std::string deviation_text(const DeviationMark& d) {
  const std::string tail = ": a deviation from running in order (decision " +
                           std::to_string(d.decision) + " of " + std::to_string(d.decisions) + ").";
  switch (d.kind) {
    case Decision::Run:
      if (d.chan != kNone)
        return "The scheduler fires " + d.chosen + " before running " + d.by_default +
               " (the oldest that could run)" + tail;
      return "The scheduler picks " + d.chosen + " to run next, before " + d.by_default +
             " (the oldest that could run)" + tail;
    case Decision::Guard:
      return "The scheduler has " + d.lane + "'s alt try " + d.chosen + " first, before " +
             d.by_default + " (the first in order)" + tail;
    case Decision::Timer: break;
  }
  return "The scheduler chooses " + d.chosen + " before " + d.by_default + tail;
}

std::string deviation_label(const DeviationMark& d) {
  if (d.kind == Decision::Guard)
    return d.chosen + ", not " + d.by_default.substr(d.by_default.find(' ') + 1);
  return "before " + d.by_default;
}

}  // namespace cspview
