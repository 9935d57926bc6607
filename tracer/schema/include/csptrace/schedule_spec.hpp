// How the deterministic scheduler makes its decisions: the text of the trace header's `strategy`
// field, of CSP_SCHEDULE and of a program's --schedule flag. One grammar, parsed and printed
// here only:
//
//   random[:seed=N][,timers=idle|race]            seeded random choices (the default with --seed)
//   pct[:seed=N][,depth=D][,steps=K]             PCT: random priorities, D-1 priority changes
//   replay:path=FILE                             the decisions recorded in a trace, exactly
//   prefix:path=FILE                             forced decisions from a list, then the defaults
//
// timers=idle (random's default): virtual time advances only when no process can run.
// timers=race: while processes can run, "fire the earliest timer now" is one more option, so
// the race "the timeout fires before the worker answers" is explored. pct and prefix race timers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace csptrace {

struct ScheduleSpec {
  enum class Strategy : uint8_t { Random, Pct, Replay, Prefix };
  Strategy strategy = Strategy::Random;
  std::optional<uint64_t> seed;  // random, pct
  bool race_timers = false;      // random: timers=race
  uint32_t depth = 3;            // pct: the bug depth d (d-1 priority change points)
  uint64_t steps = 0;            // pct: expected number of run decisions (0: learn as it goes)
  std::string path;              // replay: a trace; prefix: a decision list

  // Throws std::invalid_argument naming the part that is wrong and the grammar above.
  static ScheduleSpec parse(std::string_view text);
  // The text parse() reads back (seed included when set).
  std::string to_string() const;
};

std::string_view to_string(ScheduleSpec::Strategy s) noexcept;

}  // namespace csptrace

#include <csptrace/schema.hpp>

#include <vector>

namespace csptrace {

// One scheduler decision as a schedule lists it: what was chosen, not among what. Run: proc
// (or, when a timer fired first, its chan); Guard: proc's alt tried guard `index` first; Timer:
// the timer of chan fired first. `options` is how many choices there were (0: unknown).
struct ScheduledDecision {
  Decision kind = Decision::Run;
  ProcId proc = 0;
  ChanId chan = 0;
  int32_t index = -1;
  uint32_t options = 0;
  bool operator==(const ScheduledDecision&) const = default;
  // Names no choice: a prefix takes the default here.
  bool is_default_marker() const {
    return kind == Decision::Guard ? index < 0 : proc == 0 && chan == 0;
  }
};

// A decision list file (prefix:path=FILE): one decision per line, "run proc=3", "run chan=7",
// "guard proc=3 index=1", "timer chan=7", with an optional " options=N"; '#' starts a comment.
// A decision that names no choice ("run", "guard", "timer") takes the default there.
// read_ throws std::invalid_argument with "FILE:LINE: ..." on a malformed line.
std::vector<ScheduledDecision> read_decision_list(const std::string& path);
void write_decision_list(const std::string& path, const std::vector<ScheduledDecision>& list);
std::string format_decision(const ScheduledDecision& d);

}  // namespace csptrace
