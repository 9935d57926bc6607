// Human-readable text for events, processes, channels and times; shared by `csptrace print`,
// findings and the viewer's event list so they all say the same thing the same way.
#pragma once

#include <csptrace/trace_model.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace csptrace {

struct EventFormat {
  bool time = true;  // include the timestamp and thread (differ between runs of one schedule)
};

// "     8  transfer  chan=money from=customer to=machine via=direct value=\"pocket lint\""
std::string format_event(const TraceModel& m, size_t i, EventFormat fmt = {});

// A process or channel by dense index: its name, plus "#id" when another one has the same name.
std::string process_label(const TraceModel& m, uint32_t proc_index);
std::string channel_label(const TraceModel& m, uint32_t chan_index);

// How many processes, channels or guards a text (a finding's explanation, a wait's words) names
// one by one; it counts the rest. Lists kept beside a text (a finding's, check --json, the
// viewer's) keep every one.
inline constexpr size_t kNamedInText = 20;

// 1234567 -> "1.235 ms"; picks ns, µs, ms or s.
std::string format_duration(int64_t ns);

}  // namespace csptrace
