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

// A JSON array of n texts, as csptrace check --json prints them (invalid UTF-8 as U+FFFD),
// made one text at a time: a finding may name five million processes, and a vector of their
// labels with a JSON document of them took 130 bytes a process on top of the text itself.
template <class Item>
std::string json_array(size_t n, Item item) {
  std::string out = "[";
  for (size_t k = 0; k < n; ++k) {
    if (k) out += ',';
    out += nlohmann::json(valid_utf8(item(k)))
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  out += ']';
  return out;
}

}  // namespace

void fill_findings(SqlDatabase& db, const TraceModel& m, const Verdict& verdict) {
  TableWriter findings(db, "findings"), procs(db, "finding_processes"),
      chans(db, "finding_channels"), edges(db, "wait_for");
  int64_t id = 0;
  for (const Finding& f : verdict.findings) {
    ++id;
    const std::string p =
        json_array(f.processes.size(), [&](size_t k) { return process_label(m, f.processes[k]); });
    const std::string c =
        json_array(f.channels.size(), [&](size_t k) { return channel_label(m, f.channels[k]); });
    const std::string lines =
        json_array(f.locations.size(), [&](size_t k) { return f.locations[k]; });
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
