// How every verb reads its trace: a path, a pipe (`<(zcat t.csptrace.gz)`), a named pipe, or
// "-" for standard input, all streamed by the readers; the user is told on stderr when the read
// waits for a writer, sees a progress line when it takes more than a second and can stop it
// with Ctrl-C, and sees the trace's warnings once.
#include "cli.hpp"
#include "interrupt.hpp"
#include "progress_line.hpp"

#include <csptrace/trace_reader.hpp>

#include <iostream>
#include <optional>

namespace csptrace::cli {

bool is_option(const std::string& arg) { return arg.size() > 1 && arg[0] == '-'; }

TraceModel load_input(const std::string& file, LoadOptions options) {
  options.notice = [](const std::string& what) { std::cerr << "csptrace: " << what << "\n"; };
  // A followed trace is read for as long as it is written, its events printed as they come:
  // no progress line there, and Ctrl-C ends it as before.
  std::optional<InterruptScope> interrupts;
  std::optional<ProgressLine> line;
  if (!options.follow) {
    interrupts.emplace();
    if (!options.cancel) options.cancel = InterruptScope::flag();
    line.emplace();
    const std::string what = "reading " + (file == "-" ? std::string("standard input") : file);
    line->set(what, 0);
    options.progress = [&line, what](double f) { line->set(what, f); };
  }
  TraceModel m = load_trace(file, options);
  line.reset();
  for (const auto& w : m.warnings()) std::cerr << m.source() << ": warning: " << w << "\n";
  return m;
}

LoadOptions one_pass(std::function<size_t(const TraceModel&)> use) {
  LoadOptions options;
  options.on_batch = [use = std::move(use)](TraceModelBuilder& b) {
    b.retire_before(use(b.so_far()));
  };
  return options;
}

}  // namespace csptrace::cli
