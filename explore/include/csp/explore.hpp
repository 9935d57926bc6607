// Exploring the schedules of a program in-process: csp::explore runs `main` again and again
// under the deterministic scheduler, one schedule per run, as `csptrace explore` does with a
// process per run (same strategies, same report; docs/explore.md), but without starting a
// process, and without writing a trace for a run whose result shows nothing to analyse. Only
// for a main that can run many times in one process: it must not keep state between runs.
//
//   csptrace::ExploreOptions o;
//   o.strategy = csptrace::ExploreStrategy::Pct;
//   o.max_runs = 10000;
//   csptrace::ExploreReport r = csp::explore(o, [] { ... the program's main ... });
//   if (!r.found.empty()) std::cerr << csptrace::format_report(r, "");
#pragma once

#include <csptrace/explorer.hpp>

#include <functional>

namespace csp {

// options.jobs is ignored (one run at a time: csp::run does not nest); an empty work_dir is a
// fresh temporary folder, removed at the end unless a failure's trace lives in it (give
// options.output or options.keep_dir to keep traces elsewhere).
csptrace::ExploreReport explore(csptrace::ExploreOptions options, const std::function<void()>& main,
                                const csptrace::Progress& progress = {});

}  // namespace csp
