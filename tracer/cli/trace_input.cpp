// How every verb reads its trace: a path, a pipe (`<(zcat t.csptrace.gz)`), a named pipe, or
// "-" for standard input, all streamed by the readers; the user is told on stderr when the read
// waits for a writer, and sees the trace's warnings once.
#include "cli.hpp"

#include <csptrace/trace_reader.hpp>

#include <iostream>

namespace csptrace::cli {

bool is_option(const std::string& arg) { return arg.size() > 1 && arg[0] == '-'; }

TraceModel load_input(const std::string& file, LoadOptions options) {
  options.notice = [](const std::string& what) { std::cerr << "csptrace: " << what << "\n"; };
  TraceModel m = load_trace(file, options);
  for (const auto& w : m.warnings()) std::cerr << m.source() << ": warning: " << w << "\n";
  return m;
}

}  // namespace csptrace::cli
