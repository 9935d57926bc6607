// How every verb reads its trace: a path, a pipe (`<(zcat t.csptrace.gz)`), a named pipe, or
// "-" for standard input, all streamed by the readers; the user is told on stderr when the read
// waits for a writer, sees a progress line when it takes more than a second and can stop it
// with Ctrl-C, and sees the trace's warnings once.
#include "cli.hpp"
#include "interrupt.hpp"
#include "progress_line.hpp"

#include <csptrace/trace_database.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <algorithm>
#include <iostream>
#include <optional>

namespace csptrace::cli {

bool is_option(const std::string& arg) { return arg.size() > 1 && arg[0] == '-'; }

namespace {

// load_trace with the notices, the progress line (`what`, unless empty) and Ctrl-C of every
// verb.
TraceModel load_quietly(const std::string& file, LoadOptions options, const std::string& what) {
  options.notice = [](const std::string& text) { std::cerr << "csptrace: " << text << "\n"; };
  // A followed trace is read for as long as it is written, its events printed as they come:
  // no progress line there, and Ctrl-C ends it as before.
  std::optional<InterruptScope> interrupts;
  std::optional<ProgressLine> line;
  if (!options.follow) {
    interrupts.emplace();
    if (!options.cancel) options.cancel = InterruptScope::flag();
    if (!what.empty()) {
      line.emplace();
      line->set(what, 0);
      options.progress = [&line, what](double f) { line->set(what, f); };
    }
  }
  return load_trace(file, options);
}

}  // namespace

TraceModel load_input(const std::string& file, LoadOptions options) {
  TraceModel m = load_quietly(file, std::move(options),
                              "reading " + (file == "-" ? std::string("standard input") : file));
  for (const auto& w : m.warnings()) std::cerr << m.source() << ": warning: " << w << "\n";
  return m;
}

TraceModel load_again(const std::string& file) {
  return load_quietly(file, {}, "reading " + file + " again");
}

LoadOptions one_pass(std::function<size_t(const TraceModel&)> use,
                     TraceModelBuilder::RetiredTimes times) {
  LoadOptions options;
  options.on_batch = [use = std::move(use), times](TraceModelBuilder& b) {
    b.retire_before(use(b.so_far()), times);
  };
  return options;
}

bool rereadable(const std::string& file) { return file_stamp(file).known; }

TwiceRead read_twice(const std::string& file, const std::function<void(const TraceModel&)>& first,
                     const std::function<size_t(const TraceModel&, size_t)>& use,
                     bool progress_while_used) {
  SharedNames names;
  size_t events = 0;
  {
    LoadOptions names_only = one_pass([](const TraceModel& m) { return m.size(); });
    names_only.names_only = true;
    TraceModel whole = load_input(file, std::move(names_only));
    first(whole);
    names = SharedNames::of(whole);
    events = whole.size();
  }
  const auto replaced = [&file] {
    return TraceError(file, TraceError::Place::File, 0,
                      "the file was replaced while it was read (it is not the trace it was a "
                      "moment ago); read it again once nothing writes it");
  };
  LoadOptions options;
  options.on_batch = [&](TraceModelBuilder& b) {
    if (!b.mark_shared_names(names)) throw replaced();
    const TraceModel& so_far = b.so_far();
    b.retire_before(use(so_far, std::min(so_far.size(), events)));
  };
  TraceModel m = load_quietly(file, std::move(options),
                              progress_while_used ? "reading " + file + " again" : "");
  if (m.size() < events) throw replaced();
  // A JSON Lines trace's last line without a newline is added after the last batch.
  use(m, events);
  return {std::move(m), events};
}

}  // namespace csptrace::cli
