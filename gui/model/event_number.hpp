// One numbering of events wherever the viewer shows one: the seq number that `csptrace print`
// and `csptrace check` print (#74), never the 0-based index the model stores the event at.
// The model keeps seq strictly increasing (usually 1, 2, 3, ... but a cut ring may skip).
#pragma once

#include <csptrace/trace_model.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace cspview {

inline uint64_t event_number(const csptrace::TraceModel& m, size_t index) { return m.seq(index); }

// "#74"
inline std::string event_ref(const csptrace::TraceModel& m, size_t index) {
  return "#" + std::to_string(m.seq(index));
}

// The index of the event numbered `number`; when no event has that number, the last one
// before it. nullopt when `number` comes before the first event (or the trace is empty).
std::optional<size_t> event_at_number(const csptrace::TraceModel& m, uint64_t number);

}  // namespace cspview
