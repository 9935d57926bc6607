#include "cli.hpp"
#include "export_stream.hpp"
#include "interrupt.hpp"
#include "progress_line.hpp"

#include <csptrace/trace_database.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <unistd.h>
#include <iostream>

namespace csptrace::cli {

int cmd_export(const Args& args) {
  if (wants_help(args)) {
    std::cout
        << "usage: csptrace export --format jsonl|csptrace|chrome|sqlite FILE -o OUT [--force]\n\n"
           "Converts a trace to another encoding.\n\n"
           "  --format jsonl      JSON Lines, one event per line (readable, diffable)\n"
           "  --format csptrace   the compact binary encoding of the fast recorder\n"
           "  --format chrome     Chrome Trace Event JSON for Perfetto (ui.perfetto.dev) or\n"
           "                      chrome://tracing: a track per process and per channel, parked\n"
           "                      and blocked intervals as slices, a flow arrow per rendezvous,\n"
           "                      alt guards and choices in the slices' args\n"
           "  --format sqlite     a SQLite database: events, processes, channels, rendezvous,\n"
           "                      states, occupancy, alts, findings (docs/query.md; `sqlite3\n"
           "                      OUT .schema` shows every column with its meaning)\n"
           "  -o OUT              the file to write (overwritten; for sqlite only with --force)\n"
           "  --force             replace an existing OUT database\n\n"
           "jsonl and csptrace hold the same events: converting one into the other and back\n"
           "changes nothing ('csptrace print --no-time' prints the same; binary -> jsonl ->\n"
           "binary gives the same bytes). A trace cut short is exported as far as it goes.\n";
    return kOk;
  }
  std::string format, file, out;
  bool force = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--format" || a == "-o") {
      if (i + 1 == args.size()) return usage_error("export", a + " needs a value");
      (a == "-o" ? out : format) = args[++i];
    } else if (a == "--force") {
      force = true;
    } else if (a.rfind("--format=", 0) == 0) {
      format = a.substr(9);
    } else if (is_option(a)) {
      return usage_error("export", "unknown option " + a);
    } else if (file.empty()) {
      file = a;
    } else {
      return usage_error("export", "expected one FILE, got a second: " + a);
    }
  }
  if (format != "jsonl" && format != "csptrace" && format != "chrome" && format != "sqlite")
    return usage_error(
        "export", format.empty()
                      ? "--format is required (jsonl, csptrace, chrome or sqlite)"
                      : "unknown format '" + format + "'; use jsonl, csptrace, chrome or sqlite");
  if (file.empty()) return usage_error("export", "expected a FILE");
  if (out.empty()) return usage_error("export", "expected -o OUT");
  // Before the trace is read, which may take seconds: the database is never half-written.
  if (format == "sqlite" && !force && ::access(out.c_str(), F_OK) == 0)
    return usage_error("export", out + " exists; give --force to replace it, or another -o");
  try {
    if (format == "sqlite") {
      const TraceFileStamp stamp = file_stamp(file);
      const TraceModel m = load_input(file);
      InterruptScope interrupts;
      ProgressLine line;
      BuildControl control;
      control.cancel = InterruptScope::flag();
      control.step = [&line, &out](std::string_view step) {
        line.set("building " + out + ": " + std::string(step));
      };
      write_trace_database(m, out, stamp, force, control);
      return kOk;
    }
    ExportTarget target(out);
    try {
      if (format == "jsonl")
        export_jsonl(file, target);
      else if (format == "csptrace")
        export_binary(file, target);
      else
        export_chrome(file, target);
    } catch (const std::runtime_error& ex) {
      if (dynamic_cast<const TraceError*>(&ex) || !target.replaces()) throw;
      // The writers name the file they write, the new one beside OUT; the user knows OUT.
      std::string what = ex.what();
      for (size_t at; (at = what.find(target.path())) != std::string::npos;)
        what.replace(at, target.path().size(), out);
      throw std::runtime_error(what);
    }
    target.commit();
    return kOk;
  } catch (const TraceError& ex) {
    std::cerr << ex.what() << "\n";
    return kUnreadable;
  } catch (const std::runtime_error& ex) {
    std::cerr << "csptrace export: " << ex.what() << "; nothing was exported\n";
    return kUnreadable;
  }
}

}  // namespace csptrace::cli
