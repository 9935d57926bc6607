// diff_traces on two whole models: run A digested and run B followed against it, each as one
// batch, as `csptrace diff` does with two traces read a batch at a time.
#include <csptrace/analysis.hpp>
#include <csptrace/diff_follower.hpp>
#include <csptrace/run_digest.hpp>
#include <csptrace/trace_diff.hpp>

namespace csptrace {

namespace {

// Only the end state is analysed: no checkpoints or timeline, so that judging two big runs
// costs little more memory than loading them.
std::vector<Finding> findings_of(const TraceModel& m) {
  return analyze(Replay(m, Replay::kDefaultCheckpointInterval, Replay::Keep::EndState));
}

}  // namespace

TraceDiff diff_traces(const TraceModel& a, const TraceModel& b, const DiffOptions& options) {
  RunDigest digest(options);
  digest.finish(a, findings_of(a));
  DiffFollower follower(digest);
  return follower.finish(b, findings_of(b));
}

}  // namespace csptrace
