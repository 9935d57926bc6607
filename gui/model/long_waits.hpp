// The waits that have lasted long in a trace still being written (live follow). Nothing is proven
// while the program runs: another process may yet complete the operation. So each is a finding
// of strength Predicted, worded "possible, not proven", with the time it has lasted in its title
// ("waiting for 12 s"); the full analysis (csptrace::judge) replaces them when the trace ends.
#pragma once

#include <csptrace/finding.hpp>
#include <csptrace/replay_state.hpp>
#include <csptrace/trace_model.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace cspview {

struct LongWait {
  csptrace::Finding finding;  // stranded-wait, warning, predicted; event: the park / block
  std::string title;          // "waiting for 12 s"
};

// The processes of `state` that have waited threshold_ns or longer at trace time now_ns: parked
// or blocked on an operation that has not completed, not on a timer (a timeout ends by itself).
// Longest first. proc_labels: the document's labels, by dense process index.
std::vector<LongWait> long_waits(const csptrace::TraceModel& m, const csptrace::ReplayState& state,
                                 const std::vector<std::string>& proc_labels, int64_t now_ns,
                                 int64_t threshold_ns);

// "12 s", "1 min 5 s", "850 ms": how long a wait has lasted, in words a person reads at a glance.
std::string wait_duration_text(int64_t ns);

}  // namespace cspview
