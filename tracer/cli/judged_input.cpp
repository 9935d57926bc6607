// A trace read in one pass and judged as it loads: how `csptrace check` and `csptrace diff`
// read a run without holding its events.
#include "cli.hpp"
#include "progress_line.hpp"

#include <csptrace/streaming_judge.hpp>

namespace csptrace::cli {

JudgedRun load_judged(const std::string& file, const std::function<void(const TraceModel&)>& take) {
  StreamingJudge judge;
  LoadOptions options;
  options.on_batch = [&](TraceModelBuilder& b) {
    judge.take(b.so_far());
    if (take) take(b.so_far());
    judge.retire(b);
  };
  JudgedRun run{load_input(file, std::move(options)), {}};
  // The findings of a million stuck processes take seconds after the last event is read.
  ProgressLine line;
  line.set("judging " + file);
  run.findings = std::move(judge).finish(run.model).findings;
  return run;
}

}  // namespace csptrace::cli
