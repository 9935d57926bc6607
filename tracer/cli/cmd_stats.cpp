#include "cli.hpp"

#include <csptrace/event_format.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>
#include <csptrace/trace_stats.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace csptrace::cli {

namespace {

void print_json(const TraceModel& m, const TraceStats& s) {
  nlohmann::ordered_json j;
  j["file"] = m.source();
  j["events"] = s.events;
  nlohmann::ordered_json kinds = nlohmann::ordered_json::object();
  for (int k = 0; k < kKindCount; ++k)
    if (s.per_kind[k]) kinds[std::string(to_string(static_cast<EventKind>(k)))] = s.per_kind[k];
  j["kinds"] = kinds;
  j["processes"] = m.processes().size();
  j["channels"] = m.channels().size();
  j["duration_ns"] = s.duration_ns;
  j["complete"] = m.complete();
  j["end_reason"] = std::string(to_string(m.end_reason()));
  j["memory_bytes"] = m.memory_bytes();
  auto& chans = j["channel_stats"] = nlohmann::ordered_json::array();
  for (uint32_t c = 0; c < s.channels.size(); ++c) {
    const auto& cs = s.channels[c];
    chans.push_back({{"id", m.channels()[c].id},
                     {"name", m.str(m.channels()[c].name)},
                     {"transfers", cs.transfers},
                     {"max_level", cs.max_level},
                     {"put_wait_ns", cs.put_wait_ns},
                     {"take_wait_ns", cs.take_wait_ns}});
  }
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void print_text(const TraceModel& m, const TraceStats& s) {
  std::printf("%s\n  events     %llu%s\n  processes  %zu\n  channels   %zu\n  duration   %s\n",
              m.source().c_str(), static_cast<unsigned long long>(s.events),
              m.complete() ? "" : " (incomplete)", m.processes().size(), m.channels().size(),
              format_duration(s.duration_ns).c_str());
  std::printf("\n  %-12s %10s\n", "kind", "events");
  for (int k = 0; k < kKindCount; ++k)
    if (s.per_kind[k])
      std::printf("  %-12s %10llu\n", std::string(to_string(static_cast<EventKind>(k))).c_str(),
                  static_cast<unsigned long long>(s.per_kind[k]));
  if (s.channels.empty()) return;
  std::printf("\n  %-20s %10s %9s %14s %14s\n", "channel", "transfers", "max level", "putters wait",
              "takers wait");
  for (uint32_t c = 0; c < s.channels.size(); ++c) {
    const auto& cs = s.channels[c];
    std::printf("  %-20s %10llu %9u %14s %14s\n", channel_label(m, c).c_str(),
                static_cast<unsigned long long>(cs.transfers), cs.max_level,
                format_duration(cs.put_wait_ns).c_str(), format_duration(cs.take_wait_ns).c_str());
  }
}

}  // namespace

int cmd_stats(const Args& args) {
  if (wants_help(args)) {
    std::cout
        << "usage: csptrace stats [--json] FILE\n\n"
           "Summarises a trace: events in total and per kind, processes, channels, duration,\n"
           "and per channel the transfers, the highest buffer level, and how long putters\n"
           "and takers waited on it (time with at least one waiting).\n\n"
           "  --json   print one JSON object (\"events\", \"kinds\", \"processes\",\n"
           "           \"channels\", \"duration_ns\", \"channel_stats\", ...)\n";
    return kOk;
  }
  bool json = false;
  std::string file;
  for (const auto& a : args) {
    if (a == "--json")
      json = true;
    else if (is_option(a))
      return usage_error("stats", "unknown option " + a);
    else if (file.empty())
      file = a;
    else
      return usage_error("stats", "expected one FILE, got a second: " + a);
  }
  if (file.empty()) return usage_error("stats", "expected a FILE");
  try {
    // One pass: each batch of events is counted as it is read, then let go of with its times
    // (StatsPass reads only the times of the batch it takes).
    StatsPass pass;
    const TraceModel m = load_input(file, one_pass(
                                              [&pass](const TraceModel& so_far) {
                                                pass.take(so_far);
                                                return so_far.size();
                                              },
                                              TraceModelBuilder::RetiredTimes::Forget));
    const TraceStats s = std::move(pass).finish(m);
    if (json) report_text_not_utf8("stats", m);
    if (json)
      print_json(m, s);
    else
      print_text(m, s);
    return kOk;
  } catch (const TraceError& ex) {
    std::cerr << ex.what() << "\n";
    return kUnreadable;
  }
}

}  // namespace csptrace::cli
