#include <csptrace/schedule_deviation.hpp>

namespace csptrace {

std::vector<ScheduleDeviation> deviations(const RunSteps& steps) {
  std::vector<ScheduleDeviation> out;
  for (size_t i = 0; i < steps.decisions.size(); ++i) {
    const RunDecision& d = steps.decisions[i];
    // One alternative is no choice: is_default_choice says "not the default" for a timer that
    // fires because nothing else could run, which is the only thing the scheduler could do.
    if (d.alternatives.size() < 2 || is_default_choice(d)) continue;
    out.push_back({i, d.event, d.chosen, d.alternatives.front()});
  }
  return out;
}

}  // namespace csptrace
