#include "sarif.hpp"

#include <csptrace/event_format.hpp>
#include <csptrace/utf8_text.hpp>

#include <charconv>

namespace csptrace::cli {

namespace {

using Json = nlohmann::ordered_json;

const char* level_of(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "none";
}

// The severity a kind usually has (a finding may differ: a predicted cycle is a warning).
Severity usual(FindingKind k) {
  switch (k) {
    case FindingKind::LeakAtExit: return Severity::Warning;
    case FindingKind::TimerQuiescence: return Severity::Info;
    default: return Severity::Error;
  }
}

// "src/main.cpp:42" -> {"src/main.cpp", 42}; a text without a line keeps line 0.
std::pair<std::string, int> split_loc(const std::string& loc) {
  const auto colon = loc.rfind(':');
  int line = 0;
  if (colon != std::string::npos) {
    const char* b = loc.data() + colon + 1;
    const char* e = loc.data() + loc.size();
    if (std::from_chars(b, e, line).ptr == e && line > 0) return {loc.substr(0, colon), line};
  }
  return {loc, 0};
}

std::string without_root(std::string file, const std::string& root) {
  if (!root.empty() && file.compare(0, root.size(), root) == 0) {
    file.erase(0, root.size());
    while (!file.empty() && file.front() == '/') file.erase(0, 1);
  }
  return file;
}

}  // namespace

Json sarif_log(const TraceModel& m, const std::vector<Finding>& findings,
               const std::string& srcroot) {
  Json rules = Json::array();
  for (size_t k = 0; k < enum_count<FindingKind>(); ++k) {
    const auto kind = static_cast<FindingKind>(k);
    rules.push_back(
        {{"id", std::string(to_string(kind))},
         {"shortDescription", {{"text", std::string(finding_doc(kind))}}},
         {"fullDescription",
          {{"text", std::string(finding_doc(kind)) +
                        " (cspscope's analysis; docs/analysis.md describes the rule)"}}},
         {"defaultConfiguration", {{"level", level_of(usual(kind))}}}});
  }
  Json results = Json::array();
  for (const Finding& f : findings) {
    Json locations = Json::array();
    for (const std::string& loc : f.locations) {
      auto [file, line] = split_loc(loc);
      Json artifact = {{"uri", valid_utf8(without_root(file, srcroot))}};
      if (!srcroot.empty()) artifact["uriBaseId"] = "%SRCROOT%";
      Json physical = {{"artifactLocation", std::move(artifact)}};
      if (line > 0) physical["region"] = {{"startLine", line}};
      locations.push_back({{"physicalLocation", std::move(physical)}});
    }
    Json procs = Json::array(), chans = Json::array();
    for (uint32_t p : f.processes) procs.push_back(valid_utf8(process_label(m, p)));
    for (uint32_t c : f.channels) chans.push_back(valid_utf8(channel_label(m, c)));
    Json r = {{"ruleId", std::string(to_string(f.kind))},
              {"ruleIndex", static_cast<int>(f.kind)},
              {"level", level_of(f.severity)},
              {"message", {{"text", valid_utf8(f.explanation)}}}};
    if (!locations.empty()) r["locations"] = std::move(locations);
    r["properties"] = {{"strength", std::string(to_string(f.strength))},
                       {"event", f.event < m.size() ? Json(m.seq(f.event)) : Json(nullptr)},
                       {"time_ns", f.time},
                       {"processes", std::move(procs)},
                       {"channels", std::move(chans)}};
    results.push_back(std::move(r));
  }
  Json run = {{"tool",
               {{"driver",
                 {{"name", "csptrace"},
                  {"fullName", "csptrace check (cspscope)"},
                  {"version", CSPSCOPE_VERSION},
                  {"rules", std::move(rules)}}}}},
              {"results", std::move(results)}};
  if (!srcroot.empty()) {
    std::string root = srcroot;
    if (root.back() != '/') root += '/';
    run["originalUriBaseIds"] = {{"%SRCROOT%", {{"uri", valid_utf8("file://" + root)}}}};
  }
  run["properties"] = {{"trace", valid_utf8(m.source())}, {"complete", m.complete()}};
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", Json::array({std::move(run)})}};
}

}  // namespace csptrace::cli
