// Chrome Trace Event JSON (opens in Perfetto and chrome://tracing) from a loaded trace.
#pragma once

#include <csptrace/trace_model.hpp>

#include <memory>
#include <ostream>
#include <string>

namespace csptrace {

// One track per process (pid 1, its life as a slice, parked / blocked intervals as nested
// slices, alt guards and the choice in args) and per channel (pid 2: transfers, buffer
// operations, closes as instants, the buffer level as a counter); a flow arrow per rendezvous
// (transfer via direct) from the putter to the taker.
void write_chrome_trace(const TraceModel& m, std::ostream& out);

// The same, written as the events load, for a trace too large to hold (csptrace export reads
// the file twice: once for the names, once for the events). The output is byte for byte
// write_chrome_trace's.
class ChromeTraceStream {
 public:
  // Writes the head: a track per process and channel of `names` (the whole trace's, labelled
  // as it labels them), which need not outlive the constructor.
  ChromeTraceStream(const TraceModel& names, std::ostream& out);
  ~ChromeTraceStream();
  ChromeTraceStream(const ChromeTraceStream&) = delete;
  ChromeTraceStream& operator=(const ChromeTraceStream&) = delete;
  // Writes events of m up to `end` (exclusive) that it has not written; returns the first event
  // it still needs (the oldest park or block not yet resumed), which m must keep.
  size_t add(const TraceModel& m, size_t end);
  // add(m, end), then closes what is still open at event end - 1 and the JSON.
  void finish(const TraceModel& m, size_t end);

 private:
  class Writer;
  std::unique_ptr<Writer> w_;
};
// Throws std::runtime_error naming the path when it cannot be written.
void write_chrome_trace(const TraceModel& m, const std::string& path);

}  // namespace csptrace
