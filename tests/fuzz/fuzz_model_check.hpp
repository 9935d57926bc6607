// What the reader targets check on every model a reader accepts: each event formats to text.
#pragma once

#include <csptrace/event_format.hpp>
#include <csptrace/trace_model.hpp>

#include <cstddef>
#include <cstdlib>

namespace csp_fuzz {

inline void check_formats(const csptrace::TraceModel& m) {
  size_t total = 0;
  for (size_t i = 0; i < m.size(); ++i) total += csptrace::format_event(m, i).size();
  if (m.size() > 0 && total == 0) std::abort();  // every event formats to something
}

}  // namespace csp_fuzz
