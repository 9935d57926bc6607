#include "streamed_diff.hpp"

#include "cli.hpp"

#include <csptrace/diff_follower.hpp>
#include <csptrace/run_digest.hpp>

namespace csptrace::cli {

StreamedDiff diff_streamed(const std::string& file_a, const std::string& file_b,
                           const DiffOptions& options, bool warn_utf8) {
  StreamedDiff out;
  RunDigest digest(options);
  {
    JudgedRun a = load_judged(file_a, [&](const TraceModel& m) { digest.take(m); });
    if (warn_utf8) report_text_not_utf8("diff", a.model);
    digest.finish(a.model, std::move(a.findings));
    out.a = RunSummary::of(a.model);
  }
  DiffFollower follower(digest);
  const JudgedRun b = load_judged(file_b, [&](const TraceModel& m) { follower.take(m); });
  if (warn_utf8) report_text_not_utf8("diff", b.model);
  out.diff = follower.finish(b.model, b.findings);
  out.b = RunSummary::of(b.model);
  return out;
}

}  // namespace csptrace::cli
