#include "cli.hpp"

#include <csptrace/binary_trace_writer.hpp>
#include <csptrace/chrome_export.hpp>
#include <csptrace/jsonl_codec.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

namespace csptrace::cli {

namespace {

void write_jsonl(const TraceModel& m, const std::string& out_path) {
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot create " + out_path + ": " + std::strerror(errno));
  TraceHeader h = m.header();
  h.version = kFormatVersion;
  out << encode_jsonl_header(h) << '\n';
  for (size_t i = 0; i < m.size(); ++i) out << encode_jsonl_event(m.event(i), m.strings()) << '\n';
  out.close();
  if (out.fail()) throw std::runtime_error("error writing " + out_path);
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
        << "usage: csptrace export --format jsonl|csptrace|chrome FILE -o OUT\n\n"
           "Converts a trace to another encoding.\n\n"
           "  --format jsonl      JSON Lines, one event per line (readable, diffable)\n"
           "  --format csptrace   the compact binary encoding of the fast recorder\n"
           "  --format chrome     Chrome Trace Event JSON for Perfetto (ui.perfetto.dev) or\n"
           "                      chrome://tracing: a track per process and per channel, parked\n"
           "                      and blocked intervals as slices, a flow arrow per rendezvous,\n"
           "                      alt guards and choices in the slices' args\n"
           "  -o OUT              the file to write (overwritten)\n\n"
           "jsonl and csptrace hold the same events: converting one into the other and back\n"
           "changes nothing ('csptrace print --no-time' prints the same; binary -> jsonl ->\n"
           "binary gives the same bytes). A trace cut short is exported as far as it goes.\n";
    return kOk;
  }
  std::string format, file, out;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--format" || a == "-o") {
      if (i + 1 == args.size()) return usage_error("export", a + " needs a value");
      (a == "-o" ? out : format) = args[++i];
    } else if (a.rfind("--format=", 0) == 0) {
      format = a.substr(9);
    } else if (!a.empty() && a[0] == '-') {
      return usage_error("export", "unknown option " + a);
    } else if (file.empty()) {
      file = a;
    } else {
      return usage_error("export", "expected one FILE, got a second: " + a);
    }
  }
  if (format != "jsonl" && format != "csptrace" && format != "chrome")
    return usage_error("export", format.empty() ? "--format is required (jsonl, csptrace or chrome)"
                                                : "unknown format '" + format +
                                                      "'; use jsonl, csptrace or chrome");
  if (file.empty()) return usage_error("export", "expected a FILE");
  if (out.empty()) return usage_error("export", "expected -o OUT");
  try {
    TraceModel m = load_trace(file);
    for (const auto& w : m.warnings()) std::cerr << file << ": warning: " << w << "\n";
    if (format == "jsonl") write_jsonl(m, out);
    else if (format == "csptrace") write_binary(m, out);
    else write_chrome_trace(m, out);
    return kOk;
  } catch (const TraceError& ex) {
    std::cerr << ex.what() << "\n";
    return kUnreadable;
  } catch (const std::runtime_error& ex) {
    std::cerr << "csptrace export: " << ex.what() << "\n";
    return kUnreadable;
  }
}

}  // namespace csptrace::cli
