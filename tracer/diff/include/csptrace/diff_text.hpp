// The words of a comparison, shared by `csptrace diff` and the viewer: events as `csptrace
// print --no-time` prints them (so their numbers and texts can be found in its output), and one
// sentence per difference.
#pragma once

#include <csptrace/trace_diff.hpp>

#include <string>

namespace csptrace {

// "" when every process has a counterpart; otherwise "the programs differ: A has 7 processes, B
// 3; matched 2" or "no process in common: A has 7 processes, B 3".
std::string match_text(const TraceModel& a, const TraceModel& b, const TraceMatch& match);

// The source line of process p's step at event i: the event's own `loc`, or the `loc` of the
// wait (park, block, alt offer) p began for it since its previous step; "" when the trace has
// none.
std::string step_location(const TraceModel& m, size_t i, uint32_t p);

// What a decide event chose: "picked phil-2", "let the timer of \"timeout\" fire",
// "tried guard 1 of phil-2's alt first", "fired \"t1\" first".
std::string decision_choice(const TraceModel& m, size_t decide_event);

// "the runs part at decision 17 of 40: run A picked phil-2 (event 80), run B picked phil-4
// (event 80)"; "" when the decisions are the same or neither run recorded any.
std::string parting_text(const TraceModel& a, const TraceModel& b, const DecisionParting& p);

// "\"fork-3\": the same 6 values in another order, from transfer 2 (A event 31: 2, B event 40:
// 3)"; "\"x\": 2 values in A only (3 at event 12, ...), 1 in B only (7 at event 15)".
std::string channel_text(const TraceModel& a, const TraceModel& b, const ChannelDifference& c);

// "A: error: global-deadlock (proven) at event 265: <explanation's first sentence>"
std::string finding_line(const TraceModel& m, const Finding& f);

// The first sentence of a text (up to ". "), for one-line summaries.
std::string first_sentence(const std::string& text);

}  // namespace csptrace
