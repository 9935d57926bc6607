// `csptrace diff` of two files, each read in one pass as `csptrace check` reads one: run A into
// its digest (run_digest.hpp), then run B against it (diff_follower.hpp), each judged as its
// events go by (StreamingJudge). Neither run's model is held whole, so the memory is run A's
// digest and the larger run's live state, not two runs' events.
#pragma once

#include "diff_report.hpp"

#include <string>

namespace csptrace::cli {

struct StreamedDiff {
  RunSummary a, b;
  TraceDiff diff;
};

// Throws TraceError as load_input. With warn_utf8 (JSON output), says once per run when its
// texts are not valid UTF-8.
StreamedDiff diff_streamed(const std::string& file_a, const std::string& file_b,
                           const DiffOptions& options, bool warn_utf8);

}  // namespace csptrace::cli
