// A run written as a CSP trace in textbook notation, for lectures: the sequence of
// communications ⟨chan.value, ...⟩, one per transfer (a value moving from a putter to a taker),
// in event order. Channel names come from channel_label, values from TraceModel::value_text.
#pragma once

#include <csptrace/trace_model.hpp>

#include <string>

namespace csptrace {

// ⟨in."pocket lint", out."wilted lettuce", in.3, …⟩ — every transfer of the run.
std::string csp_trace(const TraceModel& m);

// The same trace restricted to the communications process p took part in (tr ↾ αP), e.g.
// main = ⟨in."pocket lint", out."wilted lettuce", …⟩ without the "main = " prefix.
std::string csp_trace_of(const TraceModel& m, uint32_t proc_index);

}  // namespace csptrace
