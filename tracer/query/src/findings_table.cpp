// The findings, finding_processes, finding_channels and wait_for tables: the analysis's verdict
// (judge(), the same as csptrace check), in check's order.
#include "table_fillers.hpp"
#include "table_writer.hpp"

#include <csptrace/event_format.hpp>
#include <csptrace/utf8_text.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace csptrace {

namespace {

// A JSON array of texts, as csptrace check --json prints them (invalid UTF-8 as U+FFFD).
std::string json_array(const std::vector<std::string>& items) {
  nlohmann::json a = nlohmann::json::array();
  for (const std::string& s : items) a.push_back(valid_utf8(s));
  return a.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> labels(const TraceModel& m, const std::vector<uint32_t>& ixs, bool procs) {
  std::vector<std::string> out;
  for (uint32_t i : ixs) out.push_back(procs ? process_label(m, i) : channel_label(m, i));
  return out;
}

}  // namespace

void fill_findings(SqlDatabase& db, const TraceModel& m, const Verdict& verdict) {
  TableWriter findings(db, "findings"), procs(db, "finding_processes"),
      chans(db, "finding_channels"), edges(db, "wait_for");
  int64_t id = 0;
  for (const Finding& f : verdict.findings) {
    ++id;
    const std::string p = json_array(labels(m, f.processes, true));
    const std::string c = json_array(labels(m, f.channels, false));
    const std::string lines = json_array(f.locations);
    findings.integer(id)
        .text(to_string(f.kind))
        .text(to_string(f.severity))
        .text(to_string(f.strength))
        .event(m, f.event)
        .integer_or_null(f.event < m.size(), f.time)
        .text(p)
        .text(c)
        .text(lines)
        .text(f.explanation)
        .row();
    for (size_t k = 0; k < f.processes.size(); ++k)
      procs.integer(id).integer(static_cast<int64_t>(k)).process(m, f.processes[k]).row();
    for (size_t k = 0; k < f.channels.size(); ++k)
      chans.integer(id).integer(static_cast<int64_t>(k)).channel(m, f.channels[k]).row();
  }
  for (const WaitEdge& e : verdict.wait_for)
    edges.process(m, e.waiter)
        .process(m, e.releaser)
        .channel(m, e.chan)
        .text(to_string(e.op))
        .row();
  findings.finish();
  procs.finish();
  chans.finish();
  edges.finish();
}

}  // namespace csptrace
