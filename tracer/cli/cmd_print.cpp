#include "cli.hpp"

#include <csptrace/event_format.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <cstdio>
#include <iostream>

namespace csptrace::cli {

int cmd_print(const Args& args) {
  if (wants_help(args)) {
    std::cout << "usage: csptrace print [--no-time] FILE\n\n"
                 "Prints one line per event, in sequence order, with process and channel names.\n\n"
                 "  --no-time   leave out timestamps and thread numbers, which differ between two\n"
                 "              runs of the same schedule, so that two runs can be compared with\n"
                 "              diff (e.g. two runs of a sample with the same --seed)\n";
    return kOk;
  }
  EventFormat fmt;
  std::string file;
  for (const auto& a : args) {
    if (a == "--no-time") fmt.time = false;
    else if (!a.empty() && a[0] == '-') return usage_error("print", "unknown option " + a);
    else if (file.empty()) file = a;
    else return usage_error("print", "expected one FILE, got a second: " + a);
  }
  if (file.empty()) return usage_error("print", "expected a FILE");
  try {
    TraceModel m = load_trace(file);
    for (const auto& w : m.warnings()) std::cerr << file << ": warning: " << w << "\n";
    std::string line;
    for (size_t i = 0; i < m.size(); ++i) {
      line = format_event(m, i, fmt);
      line += '\n';
      std::fwrite(line.data(), 1, line.size(), stdout);
    }
    return kOk;
  } catch (const TraceError& ex) {
    std::cerr << ex.what() << "\n";
    return kUnreadable;
  }
}

}  // namespace csptrace::cli
