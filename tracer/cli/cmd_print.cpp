#include "cli.hpp"

#include <csptrace/csp_notation.hpp>
#include <csptrace/event_format.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace csptrace::cli {

namespace {

void print_csp(const TraceModel& m) {
  std::cout << csp_trace(m) << "\n";
  for (uint32_t p = 0; p < m.processes().size(); ++p)
    std::cout << process_label(m, p) << ": " << csp_trace_of(m, p) << "\n";
}

// Prints each event as the reader adds it, flushing whenever the reader waits for the writer.
int print_following(const std::string& file, EventFormat fmt) {
  std::string line;
  LoadOptions options;
  options.follow = true;
  options.on_event = [&](const TraceModel& so_far, size_t i) {
    line = format_event(so_far, i, fmt);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
  };
  options.on_idle = [] { std::fflush(stdout); };
  const TraceModel m = load_input(file, options);
  if (m.complete()) return kOk;
  std::fflush(stdout);
  std::cerr << "csptrace print: " << m.source() << " ends after " << m.size()
            << " events without the trace's end: its writer went away (the program died or was "
               "killed)\n";
  return kFailed;
}

}  // namespace

int cmd_print(const Args& args) {
  if (wants_help(args)) {
    std::cout << "usage: csptrace print [--no-time] [--follow] FILE\n"
                 "       csptrace print --csp FILE\n\n"
                 "Prints one line per event, in sequence order, with process and channel names.\n\n"
                 "  --no-time   leave out timestamps and thread numbers, which differ between two\n"
                 "              runs of the same schedule, so that two runs can be compared with\n"
                 "              diff (e.g. two runs of a sample with the same --seed)\n"
                 "  --follow    FILE is still being written (tail -f): print what it holds,\n"
                 "              then each new event as the program records it, until the\n"
                 "              trace's end; a FILE that does not exist yet is waited for.\n"
                 "              Exit 0 at the end, 1 when the writer went away without\n"
                 "              writing it (the program died or was killed). A name two\n"
                 "              processes share is printed without its #id (it is known only\n"
                 "              at the end)\n"
                 "  --csp       print the run as a CSP trace in textbook notation instead:\n"
                 "              ⟨in.\"pocket lint\", out.\"wilted lettuce\", in.3, …⟩ with\n"
                 "              angle brackets, one communication channel.value per transfer (a\n"
                 "              value handed from a putter to a taker, directly or through a\n"
                 "              buffer), in event order; then one line per process with the\n"
                 "              trace restricted to its own communications (tr restricted to\n"
                 "              its alphabet). Closes, refusals, drops, alts and timers are not\n"
                 "              communications and are left out.\n";
    return kOk;
  }
  EventFormat fmt;
  bool csp = false, follow = false;
  std::string file;
  for (const auto& a : args) {
    if (a == "--no-time")
      fmt.time = false;
    else if (a == "--csp")
      csp = true;
    else if (a == "--follow")
      follow = true;
    else if (is_option(a))
      return usage_error("print", "unknown option " + a);
    else if (file.empty())
      file = a;
    else
      return usage_error("print", "expected one FILE, got a second: " + a);
  }
  if (file.empty()) return usage_error("print", "expected a FILE");
  if (follow && csp)
    return usage_error("print",
                       "--csp needs the whole run and --follow prints it as it comes: "
                       "give one of them");
  try {
    if (follow) return print_following(file, fmt);
    std::string line;
    size_t next = 0;
    const auto print_to = [&](const TraceModel& m, size_t end) {
      for (; next < end; ++next) {
        line = format_event(m, next, fmt);
        line += '\n';
        std::fwrite(line.data(), 1, line.size(), stdout);
      }
      return end;
    };
    // A file is read twice, so that no read holds every event: first for the names, then to
    // print; a pipe is read once and held whole. (--csp needs the whole run.)
    if (csp || !rereadable(file)) {
      const TraceModel m = load_input(file);
      if (csp)
        print_csp(m);
      else
        print_to(m, m.size());
    } else {
      // The progress line shares a terminal with the events printed: only the first read,
      // which prints nothing, draws it then.
      read_twice(
          file, [](const TraceModel&) {}, print_to, !::isatty(STDOUT_FILENO));
    }
    return kOk;
  } catch (const TraceError& ex) {
    std::cerr << ex.what() << "\n";
    return kUnreadable;
  }
}

}  // namespace csptrace::cli
