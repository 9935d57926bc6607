#include "long_waits.hpp"

#include <csptrace/event_format.hpp>
#include <csptrace/wait_text.hpp>

#include <algorithm>

namespace cspview {

using csptrace::kNone;

namespace {

bool on_timer(const csptrace::TraceModel& m, uint32_t chan) {
  return chan < m.channels().size() && m.channels()[chan].duration > 0;
}

// A timeout among the guards (or the channel itself) ends the wait by itself.
bool ends_by_itself(const csptrace::TraceModel& m, const csptrace::Wait& w) {
  if (on_timer(m, w.chan)) return true;
  return std::any_of(w.guards.begin(), w.guards.end(),
                     [&m](const csptrace::Guard& g) { return on_timer(m, g.chan); });
}

}  // namespace

std::string wait_duration_text(int64_t ns) {
  if (ns < 1'000'000'000) return std::to_string(ns / 1'000'000) + " ms";
  const int64_t s = ns / 1'000'000'000;
  if (s < 60) return std::to_string(s) + " s";
  if (s < 3600) return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
  return std::to_string(s / 3600) + " h " + std::to_string(s % 3600 / 60) + " min";
}

std::vector<LongWait> long_waits(const csptrace::TraceModel& m, const csptrace::ReplayState& state,
                                 const std::vector<std::string>& proc_labels, int64_t now_ns,
                                 int64_t threshold_ns) {
  std::vector<LongWait> out;
  for (uint32_t p = 0; p < state.processes.size() && p < proc_labels.size(); ++p) {
    const csptrace::ProcessState& ps = state.processes[p];
    if (ps.state != csptrace::ProcState::Parked && ps.state != csptrace::ProcState::Blocked)
      continue;
    const csptrace::Wait& w = ps.wait;
    const size_t since = csptrace::wait_since(ps);
    if (w.completed || since >= m.size() || ends_by_itself(m, w)) continue;  // kNone too
    const int64_t waited = now_ns - m.time(since);
    if (waited < threshold_ns) continue;
    LongWait lw;
    lw.title = "waiting for " + wait_duration_text(waited);
    csptrace::Finding& f = lw.finding;
    f.kind = csptrace::FindingKind::StrandedWait;
    f.severity = csptrace::Severity::Warning;
    f.strength = csptrace::Strength::Predicted;
    f.event = since;
    f.time = m.time(since);
    f.processes = {p};
    if (w.chan != kNone) f.channels.push_back(w.chan);
    for (const csptrace::Guard& g : w.guards)
      if (g.chan != kNone &&
          std::find(f.channels.begin(), f.channels.end(), g.chan) == f.channels.end())
        f.channels.push_back(g.chan);
    const std::string loc = w.loc ? std::string(m.str(w.loc)) : std::string();
    if (!loc.empty()) f.locations.push_back(loc);
    f.explanation = proc_labels[p] + " has been waiting for " + wait_duration_text(waited) +
                    " to " + csptrace::wait_text(m, w) + (loc.empty() ? "" : " (" + loc + ")") +
                    ". Possible, not proven: the program is still running, and another process "
                    "may yet complete the operation. The full analysis runs when the trace ends.";
    out.push_back(std::move(lw));
  }
  std::stable_sort(out.begin(), out.end(), [](const LongWait& a, const LongWait& b) {
    return a.finding.time < b.finding.time;
  });
  return out;
}

}  // namespace cspview
