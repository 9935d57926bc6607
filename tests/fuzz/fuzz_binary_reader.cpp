// libFuzzer target: any bytes, as a binary .csptrace file, through load_binary (header, string
// table, chunk framing, record decoding). Each input is loaded twice: as it is, and with its
// checksums rewritten to match (fuzz_checksums.hpp) so mutations reach the record decoder. The
// reader must either build a model or throw TraceError; anything else is a finding. Accepted
// models are printed event by event, and previewed (trace_preview.hpp) with the same count.
#include "fuzz_checksums.hpp"
#include "fuzz_input_file.hpp"
#include "fuzz_model_check.hpp"

#include <csptrace/trace_error.hpp>
#include <csptrace/trace_preview.hpp>
#include <csptrace/trace_reader.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace {

void load(const uint8_t* data, size_t size) {
  csp_fuzz::InputFile file(data, size);
  if (!file.ok()) return;
  std::optional<size_t> events;
  try {
    const csptrace::TraceModel m = csptrace::load_binary(file.path());
    events = m.size();
    csp_fuzz::check_formats(m);
  } catch (const csptrace::TraceError&) {
    // The expected way to refuse bad input.
  }
  // The preview (which skims the records it only counts) reads the same bytes: it may refuse
  // what the load refuses, but what the load accepts it accepts, with as many events.
  try {
    const csptrace::TracePreview p = csptrace::preview_trace(file.path());
    if (events && p.events != *events) __builtin_trap();
  } catch (const csptrace::TraceError&) {
    if (events) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  load(data, size);
  std::vector<uint8_t> fixed = csp_fuzz::with_fixed_checksums(data, size);
  load(fixed.data(), fixed.size());
  return 0;
}
