#include "stuck_waits.hpp"

#include <csptrace/event_format.hpp>

namespace cspview {

std::vector<StuckWait> find_stuck_waits(const csptrace::TraceModel& m, const csptrace::ReplayState& final,
                                        const std::vector<std::string>& chan_labels) {
  std::vector<StuckWait> out;
  for (uint32_t p = 0; p < final.processes.size(); ++p) {
    const auto& ps = final.processes[p];
    if (!csptrace::is_waiting(ps.state) || ps.wait.completed) continue;
    StuckWait w;
    w.proc = p;
    w.park_event = ps.wait.since < m.size() ? ps.wait.since : csptrace::kNone;
    w.since = w.park_event != csptrace::kNone ? m.time(w.park_event) : (m.empty() ? 0 : m.time(m.size() - 1));
    w.chan = ps.wait.chan;
    std::string what(csptrace::to_string(ps.wait.op));
    if (ps.wait.chan != csptrace::kNone) {
      what += " " + chan_labels[ps.wait.chan];
    } else {
      std::string guards;
      for (const auto& g : ps.wait.guards)
        if (g.chan != csptrace::kNone)
          guards += (guards.empty() ? "" : ", ") + std::string(csptrace::to_string(g.op)) + " " + chan_labels[g.chan];
      if (!guards.empty()) what += " [" + guards + "]";
    }
    w.what = "stuck: " + what;
    w.where = std::string(m.str(ps.wait.loc));
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace cspview
