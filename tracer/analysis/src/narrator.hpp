// The words findings are written in: processes, channels, waits, times and lists, so every
// explanation names things the same way (and the way `csptrace print` does).
#pragma once

#include <csptrace/finding.hpp>
#include <csptrace/replay_state.hpp>

#include <string>
#include <vector>

namespace csptrace {

class Narrator {
 public:
  Narrator(const TraceModel& m, const ReplayState& end) : m_(m), end_(end) {}

  std::string proc(uint32_t p) const;  // consumer
  std::string chan(uint32_t c) const;  // "jobs"
  // "producer, filter and sink"; past kNamedInList names, "a, b, ... and 99 980 more", so that
  // an explanation stays short however many processes share a fate (n explanations naming n
  // processes each were quadratic in output).
  static constexpr size_t kNamedInList = kNamedInText;
  std::string procs(const std::vector<uint32_t>& ps) const { return procs(ps, ps.size()); }
  // The same for a list of `total` processes of which ps holds the first ones.
  std::string procs(const std::vector<uint32_t>& ps, size_t total) const;
  // items (already capped) and, when total is larger, "N more" as the last item.
  static std::vector<std::string> capped(std::vector<std::string> items, size_t total);
  // "take from \"jobs\"", "put 3 on \"results\""
  std::string op(WaitOp op, uint32_t c, const Value& v = {}) const;
  // The wait's source location, "" when the trace has none.
  std::string loc(uint32_t p) const;
  // "consumer is parked at consumer.cpp:31 waiting to take from \"jobs\" (since 1.200 ms)"
  std::string waiting(uint32_t p) const;
  // For a process sleeping on an armed timer (directly or as an alt guard): " until 60.004 s"
  // (when its timer fires), or "" when the trace does not say.
  std::string sleeps_until(uint32_t p) const;
  // "at 1.200 ms (event 12)"
  std::string when(size_t event) const;
  // "a, b and c" (or "a, b or c" with last = " or "; "a; b; and c" with last = "; and ")
  static std::string list(const std::vector<std::string>& items, const char* last = " and ");
  // Whole sentences one after the other, separated by a space.
  static std::string sentences(const std::vector<std::string>& items);

 private:
  const TraceModel& m_;
  const ReplayState& end_;
};

}  // namespace csptrace
