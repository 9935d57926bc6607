#include "stuck_waits.hpp"

#include <csptrace/wait_text.hpp>

namespace cspview {

std::vector<StuckWait> stuck_waits(const csptrace::TraceModel& m,
                                   const csptrace::ReplayState& final,
                                   const std::vector<uint32_t>& stuck) {
  std::vector<StuckWait> out;
  for (uint32_t p : stuck) {
    if (p >= final.processes.size()) continue;
    const auto& ps = final.processes[p];
    if (!csptrace::is_waiting(ps.state)) continue;
    StuckWait w;
    w.proc = p;
    const size_t since = csptrace::wait_since(ps);
    w.park_event = since < m.size() ? since : csptrace::kNone;
    w.since = w.park_event != csptrace::kNone ? m.time(w.park_event)
                                              : (m.empty() ? 0 : m.time(m.size() - 1));
    w.chan = ps.wait.chan;
    w.what = "stuck: " + csptrace::wait_text(m, ps.wait);
    w.where = std::string(m.str(ps.wait.loc));
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace cspview
