// csptrace check: the findings of the analysis, as text for people or JSON for tools.
#include "cli.hpp"
#include "sarif.hpp"

#include <csptrace/analysis.hpp>
#include <csptrace/event_format.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>
#include <csptrace/utf8_text.hpp>

#include <nlohmann/json.hpp>

#include <iostream>

namespace csptrace::cli {

namespace {

constexpr const char* kHelp =
    "usage: csptrace check [--format text|json|sarif] [--fail-on error|warning|info] FILE\n\n"
    "Replays the trace and reports what went wrong: deadlocks, processes stuck forever and\n"
    "why, alts that can never fire, values lost to a timeout, processes leaked at exit.\n"
    "Each finding has a severity (error, warning, info), a strength (proven: the runtime\n"
    "said so or the complete trace leaves no other outcome; observed: seen at the end of a\n"
    "trace cut short; predicted: inferred while other processes still ran), the processes,\n"
    "channels and source lines involved, and an explanation. Kinds: global-deadlock,\n"
    "wait-cycle, stranded-wait, dead-alt, timeout-masked-loss, blocked-at-exit (errors),\n"
    "leak-at-exit (warning), timer-quiescence (info); a wait-cycle, stranded-wait or dead-alt\n"
    "predicted on a trace cut short is a warning. docs/analysis.md describes each.\n\n"
    "  --format text   one block per finding, for people (the default)\n"
    "  --format json   one JSON object {\"findings\":[{\"kind\", \"severity\", \"strength\",\n"
    "                  \"event\" (its seq), \"time_ns\", \"processes\", \"channels\" (names),\n"
    "                  \"locations\", \"explanation\", and for a wait-cycle \"cycle\"}, ...]}\n"
    "  --format sarif  a SARIF 2.1.0 log: one result per finding on its source lines, one\n"
    "                  rule per kind, for code-scanning services\n"
    "  --json          the same as --format json\n"
    "  --fail-on LEVEL exit 1 when a finding of LEVEL or worse is found: error (the default),\n"
    "                  warning or info\n"
    "  --strict        the same as --fail-on warning\n"
    "  --srcroot DIR   (sarif) make source paths under DIR relative to it (%SRCROOT%)\n\n"
    "Exit status: 0 no finding at the --fail-on level or worse, 1 there is one, 2 the file\n"
    "cannot be read (the message says FILE:LINE: what is wrong) or a usage error.\n";

std::string label(const TraceModel& m, uint32_t i, bool procs) {
  return procs ? process_label(m, i) : channel_label(m, i);
}

// The first names of a finding's list for a reader; `check --json` keeps every one. Only the
// names shown are made: a finding may list millions of processes.
std::string joined_shown(const TraceModel& m, const std::vector<uint32_t>& ixs, bool procs) {
  std::string out;
  for (size_t k = 0; k < ixs.size() && k < kNamedInText; ++k)
    out += (k ? ", " : "") + label(m, ixs[k], procs);
  if (ixs.size() > kNamedInText)
    out +=
        " and " + std::to_string(ixs.size() - kNamedInText) + " more (check --json lists them all)";
  return out;
}

// Wraps text at about `width` columns, each line indented by `indent`.
std::string wrapped(const std::string& text, size_t width, const std::string& indent) {
  std::string out, line;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(pos, end - pos);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += indent + line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    pos = end + 1;
  }
  if (!line.empty()) out += indent + line + "\n";
  return out;
}

void print_text(const TraceModel& m, const std::vector<Finding>& findings) {
  // A dump's findings are about the state it caught, not about how the run ended; a flight
  // recorder's window holds only the run's last events.
  if (!m.header().window.empty())
    std::cout << m.source() << ": " << valid_utf8(m.header().window) << "\n\n";
  else if (!m.header().snapshot.empty())
    std::cout << m.source() << ": a snapshot of a running program ("
              << valid_utf8(m.header().snapshot) << ")\n\n";
  size_t counts[3] = {0, 0, 0};
  for (const Finding& f : findings) {
    ++counts[static_cast<int>(f.severity)];
    std::cout << to_string(f.severity) << ": " << to_string(f.kind) << " (" << to_string(f.strength)
              << ")";
    if (f.event < m.size())
      std::cout << " at " << format_duration(f.time) << ", event " << m.seq(f.event);
    std::cout << "\n";
    if (!f.processes.empty())
      std::cout << "  processes: " << joined_shown(m, f.processes, true) << "\n";
    if (!f.channels.empty())
      std::cout << "  channels:  " << joined_shown(m, f.channels, false) << "\n";
    if (!f.locations.empty()) {
      std::cout << "  source:    ";
      for (size_t k = 0; k < f.locations.size(); ++k)
        std::cout << (k ? ", " : "") << f.locations[k];
      std::cout << "\n";
    }
    std::cout << wrapped(f.explanation, 94, "  ") << "\n";
  }
  if (findings.empty())
    std::cout << m.source() << ": no findings\n";
  else
    std::cout << m.source() << ": " << counts[0] << " error(s), " << counts[1] << " warning(s), "
              << counts[2] << " info\n";
}

// One JSON value on one line; texts went through valid_utf8 (a trace's texts are bytes,
// utf8_text.hpp), replace is the net for any that did not.
std::string json_line(const nlohmann::ordered_json& v) {
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// `"key": [` the n items `]` as dump(2) prints an array of strings at depth 1 of an object
// printed at indent `in`, written item by item: a finding may list millions of processes.
template <class Item>
void write_strings(std::ostream& o, const std::string& in, const char* key, size_t n, Item item) {
  o << in << "  \"" << key << "\": ";
  if (n == 0) {
    o << "[]";
    return;
  }
  o << "[\n";
  for (size_t i = 0; i < n; ++i)
    o << in << "    " << json_line(valid_utf8(item(i))) << (i + 1 < n ? ",\n" : "\n");
  o << in << "  ]";
}

// One finding as the JSON object dump(2) would print, indented by `in`.
void write_finding_json(std::ostream& o, const std::string& in, const TraceModel& m,
                        const Finding& f) {
  o << "{\n";
  auto field = [&](const char* key, const nlohmann::ordered_json& v) {
    o << in << "  \"" << key << "\": " << json_line(v) << ",\n";
  };
  field("kind", to_string(f.kind));
  field("severity", to_string(f.severity));
  field("strength", to_string(f.strength));
  field("event", f.event < m.size() ? nlohmann::ordered_json(m.seq(f.event)) : nullptr);
  field("time_ns", f.time);
  write_strings(o, in, "processes", f.processes.size(),
                [&](size_t i) { return label(m, f.processes[i], true); });
  o << ",\n";
  write_strings(o, in, "channels", f.channels.size(),
                [&](size_t i) { return label(m, f.channels[i], false); });
  o << ",\n";
  write_strings(o, in, "locations", f.locations.size(), [&](size_t i) { return f.locations[i]; });
  o << ",\n" << in << "  \"explanation\": " << json_line(valid_utf8(f.explanation));
  if (!f.cycle.empty()) {
    auto cycle = nlohmann::ordered_json::array();
    for (const WaitEdge& e : f.cycle)
      cycle.push_back({{"waiter", valid_utf8(process_label(m, e.waiter))},
                       {"releaser", valid_utf8(process_label(m, e.releaser))},
                       {"channel", valid_utf8(channel_label(m, e.chan))},
                       {"op", to_string(e.op)}});
    o << ",\n" << in << "  \"cycle\": ";
    for (char c : cycle.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)) {
      o.put(c);
      if (c == '\n') o << in << "  ";
    }
  }
  o << "\n" << in << "}";
}

// {"findings": [...]} indented by 2, as nlohmann's dump(2) of the whole would print it, written
// one finding, and one name of a finding's lists, at a time: a document of the whole held ~6 KB
// a finding (a million stuck processes, a finding each, took 6.5 GB), and one finding listing
// five million processes more than the 2 GB that check itself needs.
void print_json(const TraceModel& m, const std::vector<Finding>& findings) {
  if (findings.empty()) {
    std::cout << "{\n  \"findings\": []\n}\n";
    return;
  }
  std::cout << "{\n  \"findings\": [\n";
  for (size_t i = 0; i < findings.size(); ++i) {
    std::cout << "    ";
    write_finding_json(std::cout, "    ", m, findings[i]);
    std::cout << (i + 1 < findings.size() ? ",\n" : "\n");
  }
  std::cout << "  ]\n}\n";
}

}  // namespace

int cmd_check(const Args& args) {
  if (wants_help(args)) {
    std::cout << kHelp;
    return kOk;
  }
  enum class Format { Text, Json, Sarif } format = Format::Text;
  Severity fail_on = Severity::Error;
  std::string file, srcroot;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](const char* what) -> const std::string* {
      if (i + 1 < args.size()) return &args[++i];
      usage_error("check", a + " needs " + what);
      return nullptr;
    };
    if (a == "--json") {
      format = Format::Json;
    } else if (a == "--strict") {
      fail_on = Severity::Warning;
    } else if (a == "--format") {
      const std::string* v = value("text, json or sarif");
      if (!v) return kUnreadable;
      if (*v == "text")
        format = Format::Text;
      else if (*v == "json")
        format = Format::Json;
      else if (*v == "sarif")
        format = Format::Sarif;
      else
        return usage_error("check", "--format takes text, json or sarif, not '" + *v + "'");
    } else if (a == "--fail-on") {
      const std::string* v = value("error, warning or info");
      if (!v) return kUnreadable;
      const auto level = parse_Severity(*v);
      if (!level)
        return usage_error("check", "--fail-on takes error, warning or info, not '" + *v + "'");
      fail_on = *level;
    } else if (a == "--srcroot") {
      const std::string* v = value("a folder");
      if (!v) return kUnreadable;
      srcroot = *v;
    } else if (is_option(a)) {
      return unknown_option("check", a,
                            {"--format", "--json", "--fail-on", "--strict", "--srcroot"});
    } else if (file.empty()) {
      file = a;
    } else {
      return usage_error("check", "expected one FILE, got a second: " + a);
    }
  }
  if (file.empty()) return usage_error("check", "expected a FILE");
  try {
    // One pass: the memory is bounded by the run's processes and channels, not its events.
    const JudgedRun run = load_judged(file);
    const TraceModel& m = run.model;
    const std::vector<Finding>& findings = run.findings;
    if (format != Format::Text) report_text_not_utf8("check", m);
    switch (format) {
      case Format::Text: print_text(m, findings); break;
      case Format::Json: print_json(m, findings); break;
      case Format::Sarif:
        std::cout << sarif_log(m, findings, srcroot)
                         .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                  << "\n";
        break;
    }
    for (const Finding& f : findings)
      if (f.severity <= fail_on) return kFailed;  // severities are ordered worst first
    return kOk;
  } catch (const TraceError& ex) {
    std::cerr << ex.what() << "\n";
    return kUnreadable;
  }
}

}  // namespace csptrace::cli
