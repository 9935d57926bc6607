// The words for what a waiting process waits on: one wording for the analysis's explanations,
// csptrace's reports and the viewer's panels and lanes, so a wait reads the same everywhere.
#pragma once

#include <csptrace/replay_state.hpp>

#include <string>

namespace csptrace {

// "take from \"jobs\"", "put 3 on \"results\"" (the value when there is one).
std::string op_text(const TraceModel& m, WaitOp op, uint32_t chan, const Value& value = {});

// What w waits for: op_text of a put or take; for an alt, "take from \"a\" or put 3 on \"b\"",
// its guards in listed order ("an alt" when the trace has none of them); past kNamedInText
// guards, "... or any of 99 980 more guards" (an alt may offer millions).
std::string wait_text(const TraceModel& m, const Wait& w);

}  // namespace csptrace
