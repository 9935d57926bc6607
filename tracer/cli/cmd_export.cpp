#include "cli.hpp"
#include "interrupt.hpp"
#include "progress_line.hpp"

#include <csptrace/binary_trace_writer.hpp>
#include <csptrace/chrome_export.hpp>
#include <csptrace/jsonl_codec.hpp>
#include <csptrace/trace_database.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>

namespace csptrace::cli {

namespace {

// What one reader accepts every writer must write and every reader read back: a line past the
// JSON Lines reader's limit is refused before anything is written. Only a trace holding a long
// string can have one (a line has a few texts, each at most 6 bytes of JSON a byte), so the
// events are encoded twice only then.
void check_jsonl_lines(const TraceModel& m) {
  size_t longest = 0;
  for (StrId id = 0; id < m.strings().size(); ++id)
    longest = std::max(longest, m.strings().get(id).size());
  if (longest <= kMaxJsonlLineBytes / 32) return;
  for (size_t i = 0; i < m.size(); ++i) {
    const size_t n = encode_jsonl_event(m.event(i), m.strings()).size();
    if (n > kMaxJsonlLineBytes)
      throw std::runtime_error("event " + std::to_string(i + 1) + " (seq " +
                               std::to_string(m.seq(i)) + ") would be a JSON Lines line of " +
                               std::to_string(n) + " bytes, more than a reader accepts (" +
                               std::to_string(kMaxJsonlLineBytes) +
                               "); export it with --format csptrace");
  }
}

void write_jsonl(const TraceModel& m, const std::string& out_path) {
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot create " + out_path + ": " + std::strerror(errno));
  TraceHeader h = m.header();
  h.version = kFormatVersion;
  errno = 0;
  out << encode_jsonl_header(h) << '\n';
  for (size_t i = 0; i < m.size() && out; ++i)
    out << encode_jsonl_event(m.event(i), m.strings()) << '\n';
  out.close();
  if (out.fail())
    throw std::runtime_error("error writing " + out_path + ": " +
                             (errno != 0 ? std::strerror(errno) : "a write failed"));
}

// A failed export leaves no partial trace that a later read would take for a trace cut short.
// Only a regular file is removed: OUT may be a device (/dev/null, /dev/full) or a pipe.
void remove_partial(const std::string& out_path) {
  struct stat st {};
  if (::stat(out_path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) std::remove(out_path.c_str());
}

void write_binary(const TraceModel& m, const std::string& out_path) {
  TraceHeader h = m.header();
  h.version = kFormatVersion;
  BinaryTraceWriter w(out_path, h);
  for (size_t i = 0; i < m.size(); ++i) w.add(m.event(i), m.strings());
  w.close();
}

}  // namespace

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
    TraceModel m = load_input(file);
    if (format != "csptrace") report_text_not_utf8("export", m);
    if (format == "jsonl") check_jsonl_lines(m);  // before OUT is opened (and truncated)
    try {
      if (format == "jsonl")
        write_jsonl(m, out);
      else if (format == "csptrace")
        write_binary(m, out);
      else
        write_chrome_trace(m, out);
    } catch (const std::runtime_error&) {
      remove_partial(out);
      throw;
    }
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
