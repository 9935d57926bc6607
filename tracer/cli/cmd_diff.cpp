// csptrace diff: two runs of one program compared, process by process and channel by channel.
#include "cli.hpp"
#include "diff_report.hpp"
#include "progress_line.hpp"
#include "streamed_diff.hpp"

#include <csptrace/trace_diff.hpp>
#include <csptrace/trace_error.hpp>

#include <iostream>
#include <utility>

namespace csptrace::cli {

namespace {

constexpr const char* kHelp =
    "usage: csptrace diff [--json] [--context N] [--ignore-values]\n"
    "                     [--ignore-order-within-channel] A B\n\n"
    "Compares two runs of one program. Processes and channels are matched by name and by the\n"
    "order they were spawned or made (never by id); then each process's own operations (what it\n"
    "put, took, chose in an alt, made, closed, ...; not when it waited) and each channel's\n"
    "transfers are compared, and the analysis of each run (as csptrace check). Reports the\n"
    "first divergence (the first operation a process did differently, with both events as\n"
    "'csptrace print --no-time' prints them and their source lines), the scheduler decision\n"
    "where the runs part when both recorded decisions (--seed, --schedule), the processes and\n"
    "channels that differ, and the findings one run has and the other has not. Timing and the\n"
    "interleaving of processes are ignored. docs/diff.md is the guide.\n\n"
    "  --json                          one JSON object for tools instead of text\n"
    "  --context N                     steps shown before and after the first divergence\n"
    "                                  (default 2)\n"
    "  --ignore-values                 compare operations and channels, not the values moved\n"
    "  --ignore-order-within-channel   runs that moved the same values through each channel\n"
    "                                  in another order are the same\n\n"
    "Exit status: 0 the runs are equivalent, 1 they differ (or are of different programs, or\n"
    "one was cut short), 2 a file cannot be read or a usage error.\n";

}  // namespace

int cmd_diff(const Args& args) {
  if (wants_help(args)) {
    std::cout << kHelp;
    return kOk;
  }
  DiffOptions options;
  bool json = false;
  size_t context = 2;
  std::vector<std::string> files;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--json") {
      json = true;
    } else if (a == "--ignore-values") {
      options.ignore_values = true;
    } else if (a == "--ignore-order-within-channel") {
      options.ignore_order_within_channel = true;
    } else if (a == "--context") {
      if (i + 1 >= args.size()) return usage_error("diff", "--context needs a number of steps");
      const std::string& v = args[++i];
      if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos || v.size() > 6)
        return usage_error("diff",
                           "--context takes a number of steps (0 to 999999), not '" + v + "'");
      context = std::stoul(v);
    } else if (is_option(a)) {
      return unknown_option(
          "diff", a, {"--json", "--context", "--ignore-values", "--ignore-order-within-channel"});
    } else {
      files.push_back(a);
    }
  }
  if (files.size() != 2)
    return usage_error("diff",
                       "expected two trace files A and B, got " + std::to_string(files.size()));
  if (files[0] == "-" && files[1] == "-")
    return usage_error("diff",
                       "A and B cannot both be standard input (-): give one of them as a file");
  try {
    auto report = [&](const RunSummary& sa, const RunSummary& sb, const TraceModel* a,
                      const TraceModel* b, const TraceDiff& d) {
      if (json)
        print_diff_json(sa, sb, a, b, d, context);
      else
        print_diff_text(sa, sb, a, b, d, context);
      return d.equivalent() ? kOk : kFailed;
    };
    // Two files are read one after the other, each in one pass (streamed_diff.cpp); only a
    // report that shows their events reads them again, whole.
    if (rereadable(files[0]) && rereadable(files[1])) {
      const StreamedDiff s = diff_streamed(files[0], files[1], options, json);
      if (!report_shows_events(s.diff)) return report(s.a, s.b, nullptr, nullptr, s.diff);
      const TraceModel a = load_again(files[0]);
      const TraceModel b = load_again(files[1]);
      // The comparison names events and processes of the first reads.
      for (const auto& [m, r] : {std::pair{&a, &s.a}, std::pair{&b, &s.b}})
        if (m->size() != r->events || m->processes().size() != r->processes ||
            m->channels().size() != r->channels)
          throw TraceError(r->source, TraceError::Place::File, 0,
                           "the file changed while it was compared (it is not the trace it was "
                           "a moment ago); compare it again once nothing writes it");
      return report(s.a, s.b, &a, &b, s.diff);
    }
    const TraceModel a = load_input(files[0]);
    const TraceModel b = load_input(files[1]);
    const TraceDiff d = [&] {
      ProgressLine line;
      line.set("comparing " + files[0] + " with " + files[1]);
      return diff_traces(a, b, options);
    }();
    if (json) {
      report_text_not_utf8("diff", a);
      report_text_not_utf8("diff", b);
    }
    return report(RunSummary::of(a), RunSummary::of(b), &a, &b, d);
  } catch (const TraceError& ex) {
    std::cerr << ex.what() << "\n";
    return kUnreadable;
  }
}

}  // namespace csptrace::cli
