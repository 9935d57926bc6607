// libFuzzer target: any bytes, as a JSON Lines trace file, through load_jsonl (the fast path and
// the nlohmann fallback). The reader must either build a model or throw TraceError; any other
// outcome (crash, hang, another exception, a sanitizer report) is a finding. Whatever it accepts
// is also printed, so the formatting of every accepted event is exercised.
#include "fuzz_input_file.hpp"
#include "fuzz_model_check.hpp"

#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  csp_fuzz::InputFile file(data, size);
  if (!file.ok()) return 0;
  try {
    csp_fuzz::check_formats(csptrace::load_jsonl(file.path()));
  } catch (const csptrace::TraceError&) {
    // The expected way to refuse bad input.
  }
  return 0;
}
