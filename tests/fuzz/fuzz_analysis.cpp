// libFuzzer target: the analysis on whatever a reader accepts. The bytes go through load_trace
// (either encoding; binary checksums rewritten to match, see fuzz_checksums.hpp); an accepted
// model is replayed (with a small checkpoint interval so seeking crosses checkpoints), analyzed,
// stepped to a few states, and written in CSP notation. The reader's validation is the
// analysis's precondition: nothing it lets through may crash, hang or trip a sanitizer here.
#include "fuzz_checksums.hpp"
#include "fuzz_input_file.hpp"

#include <csptrace/analysis.hpp>
#include <csptrace/csp_notation.hpp>
#include <csptrace/replay.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <cstdint>
#include <cstdlib>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<uint8_t> bytes = csp_fuzz::with_fixed_checksums(data, size);
  csp_fuzz::InputFile file(bytes.data(), bytes.size());
  if (!file.ok()) return 0;
  csptrace::TraceModel m;
  try {
    m = csptrace::load_trace(file.path());
  } catch (const csptrace::TraceError&) {
    return 0;  // refused input is the readers' targets' business
  }
  csptrace::Replay replay(m, 8);
  const csptrace::Verdict v = csptrace::judge(replay);
  if (v.findings.size() > (size_t{1} << 40) || v.wait_for.size() > (size_t{1} << 40)) std::abort();
  for (uint32_t p : v.stuck)
    if (p >= m.processes().size()) std::abort();
  const size_t n = replay.size();
  if (n > 0) {
    for (size_t k : {size_t{0}, n / 3, n / 2, n - 1}) {
      auto s = replay.state_at(k);
      replay.seek(s, n - k > 1 ? k / 2 : n);
    }
  }
  if (csptrace::csp_trace(m).empty()) std::abort();  // even no transfers shows as an empty trace
  if (!m.processes().empty()) (void)csptrace::csp_trace_of(m, 0);
  return 0;
}
