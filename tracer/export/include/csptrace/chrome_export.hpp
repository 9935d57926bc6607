// Chrome Trace Event JSON (opens in Perfetto and chrome://tracing) from a loaded trace.
#pragma once

#include <csptrace/trace_model.hpp>

#include <ostream>
#include <string>

namespace csptrace {

// One track per process (pid 1, its life as a slice, parked / blocked intervals as nested
// slices, alt guards and the choice in args) and per channel (pid 2: transfers, buffer
// operations, closes as instants, the buffer level as a counter); a flow arrow per rendezvous
// (transfer via direct) from the putter to the taker.
void write_chrome_trace(const TraceModel& m, std::ostream& out);
// Throws std::runtime_error naming the path when it cannot be written.
void write_chrome_trace(const TraceModel& m, const std::string& path);

}  // namespace csptrace
