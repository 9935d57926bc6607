#include "event_tone.hpp"

namespace cspview {

using csptrace::EventKind;

Tone tone_of(const csptrace::TraceModel& m, size_t i) {
  switch (m.kind(i)) {
    case EventKind::Deadlock:
    case EventKind::Stuck: return Tone::Problem;
    case EventKind::Refused:
      return m.field<csptrace::Field::op>(i) == csptrace::WaitOp::Put ? Tone::Problem
                                                                      : Tone::Normal;
    case EventKind::Exit:
      return m.field<csptrace::Field::status>(i) == csptrace::ExitStatus::Error ? Tone::Problem
                                                                                : Tone::Normal;
    case EventKind::BufDrop: return Tone::Notice;
    default: return Tone::Normal;
  }
}

}  // namespace cspview
