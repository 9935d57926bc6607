#include "timer_text.hpp"

#include <csptrace/event_format.hpp>

namespace cspview {

using csptrace::EventKind;

bool timers_are_virtual(const csptrace::TraceModel& m) {
  return m.header().scheduler == "deterministic";
}

std::string timer_note(const csptrace::TraceModel& m, LaneList lane, uint32_t chan) {
  if (chan >= m.channels().size() || m.channels()[chan].buffer != csptrace::BufferKind::Timer)
    return {};
  const auto& info = m.channels()[chan];
  int64_t armed = -1, fired = -1;
  for (uint32_t e : lane) {
    if (m.kind(e) == EventKind::TimerArm && armed < 0) armed = m.time(e);
    if (m.kind(e) == EventKind::TimerFire && fired < 0) fired = m.time(e);
  }
  const bool virt = timers_are_virtual(m);
  std::string text =
      "set for " + csptrace::format_duration(info.duration) + (virt ? " of virtual time" : "");
  if (fired < 0) return text + "; not fired";
  const int64_t from = armed >= 0 ? armed : m.time(info.make_event);
  text += virt ? "; fired " + csptrace::format_duration(fired - from) + " later on this axis"
               : "; fired after " + csptrace::format_duration(fired - from);
  return text;
}

std::string axis_title(const csptrace::TraceModel& m) {
  return timers_are_virtual(m) ? "time → (virtual timers)" : "time →";
}

}  // namespace cspview
