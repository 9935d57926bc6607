#include <csp/explore.hpp>

#include <csp/run.hpp>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace csp {

csptrace::ExploreReport explore(csptrace::ExploreOptions options, const std::function<void()>& main,
                                const csptrace::Progress& progress) {
  bool own_dir = false;
  if (options.work_dir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/csp-explore-XXXXXX";
    if (mkdtemp(templ.data()) == nullptr)
      throw std::runtime_error("csp::explore: cannot make a work folder " + templ);
    options.work_dir = templ;
    own_dir = true;
  }
  const csptrace::RunBatch batch = [&](const std::vector<csptrace::RunRequest>& requests) {
    std::vector<csptrace::RunExit> exits(requests.size());
    for (size_t i = 0; i < requests.size(); ++i) {
      const csptrace::RunRequest& req = requests[i];
      Options opt;
      opt.schedule = req.schedule;
      // Only errors are judged without a trace: a warning (leak-at-exit) needs the trace.
      if (!req.need_trace && options.fail_on == csptrace::Severity::Error) {
        // The fast path: untraced. A run that ended normally with no process left waiting
        // cannot hold an error finding (every error kind is about a wait that never ends);
        // any other runs again, traced: the same schedule gives the same run.
        const RunResult r = run(opt, main);
        if (r.ok() && r.left_waiting.empty()) {
          exits[i].clean_untraced = true;
          continue;
        }
      }
      std::filesystem::remove(req.trace_path);
      opt.trace_path = req.trace_path;
      const RunResult r = run(opt, main);
      exits[i].exit_code = r.exit_code();
      exits[i].output = r.message;
    }
    return exits;
  };
  csptrace::ExploreReport report = csptrace::explore(options, batch, progress);
  bool trace_inside = false;
  for (const csptrace::FoundFailure& f : report.found)
    trace_inside |= f.trace.starts_with(options.work_dir);
  if (own_dir && !trace_inside) std::filesystem::remove_all(options.work_dir);
  return report;
}

}  // namespace csp
