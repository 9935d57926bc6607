// What the timeline draws on top of the events for problems: the processes and channels a
// selected finding involves, the edges of its wait-for cycle, and the waits that never end.
// Plain data, filled from the analysis by TraceDocument and read by the painter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cspview {

struct WaitArrow {
  uint32_t waiter = 0;              // process index
  uint32_t releaser = 0;            // process index: the one that could release it
  uint32_t chan = 0;                // channel index the waiter waits on
  size_t park_event = 0xffffffffu;  // the park / block that began the wait (kNone if unknown)
  std::string label;                // "take fork-1"
};

struct StuckWait {
  uint32_t proc = 0;
  size_t park_event = 0xffffffffu;  // the park / block that began the wait (kNone if unknown)
  int64_t since = 0;                // its time; the wait lasts to the end of the trace
  uint32_t chan = 0xffffffffu;
  std::string what;   // "stuck: take fork-1"
  std::string where;  // "main.cpp:42", empty when unknown
  // "stuck: take fork-1 (main.cpp:42)"
  std::string text() const { return where.empty() ? what : what + " (" + where + ")"; }
};

struct TimelineOverlay {
  std::vector<bool> processes, channels;  // involved (drawn in red); may be empty
  std::vector<WaitArrow> cycle;
  std::vector<size_t> causes;  // events the explanation gives as the cause
  bool involves_process(uint32_t p) const { return p < processes.size() && processes[p]; }
  bool involves_channel(uint32_t c) const { return c < channels.size() && channels[c]; }
};

}  // namespace cspview
