// Words for the replay state at the cursor, shared by the state panels, the inspector and the
// tests: "parked: take fork-1", "[\"ketchup\", 3]", "phil-0, phil-2".
#pragma once

#include "trace_document.hpp"

#include <csptrace/replay_state.hpp>

#include <string>

namespace cspview {

struct ProcessStateText {
  std::string state;     // "parked", "running", "failed: out of mustard"
  std::string waits_on;  // "take fork-1", "alts [take a, take timeout]", empty when not waiting
  std::string where;     // "main.cpp:42" of the wait, empty when unknown
  bool waiting = false;
  bool woken = false;  // its operation completed; the wake follows
};

struct ChannelStateText {
  std::string contents;  // buffered values, oldest first: ["ketchup", 3]; "closed" appended
  std::string putters;   // waiting putters (with the value each offers)
  std::string takers;    // waiting takers
};

ProcessStateText describe_process(const TraceDocument& doc, const csptrace::ReplayState& s,
                                  uint32_t p);
ChannelStateText describe_channel(const TraceDocument& doc, const csptrace::ReplayState& s,
                                  uint32_t c);

}  // namespace cspview
