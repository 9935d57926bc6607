// How loudly an event is drawn and listed. Red is kept for problems: an exception, a put the
// closed channel refused (its value is lost), a deadlock, a stuck process. A take refused by a
// closed, drained channel is how a pipeline, a fired timer or a result channel normally ends,
// so it is neutral; a dropping or sliding buffer discarding a value is what it was made for,
// so it is only a notice.
#pragma once

#include <csptrace/trace_model.hpp>

#include <cstddef>
#include <cstdint>

namespace cspview {

enum class Tone : uint8_t { Normal, Notice, Problem };

Tone tone_of(const csptrace::TraceModel& m, size_t event);

}  // namespace cspview
