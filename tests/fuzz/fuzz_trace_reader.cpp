// libFuzzer target: any bytes, as a trace file, through load_trace (both encodings: the reader
// picks by the first bytes). The reader must either build a model or throw TraceError; any
// other outcome (crash, hang, another exception, a sanitizer report) is a finding. Whatever it
// accepts is also printed, so the formatting of every accepted event is exercised.
#include "fuzz_input_file.hpp"

#include <csptrace/event_format.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  csp_fuzz::InputFile file(data, size);
  if (!file.ok()) return 0;
  try {
    csptrace::TraceModel m = csptrace::load_trace(file.path());
    size_t total = 0;
    for (size_t i = 0; i < m.size(); ++i) total += csptrace::format_event(m, i).size();
    if (m.size() > 0 && total == 0) std::abort();  // every event formats to something
  } catch (const csptrace::TraceError&) {
    // The expected way to refuse bad input.
  }
  return 0;
}
