// Where the deterministic scheduler's decisions come from. Every decision of a deterministic run
// is one call here, so a run is a function of (program, strategy): seeded random, PCT, or a list
// recorded earlier (exact replay, or a forced prefix then defaults). The scheduler records each
// answer as a `decide` event (docs/trace-format.md), which is what makes any deterministic trace
// replayable.
//
// Lock contract: called only by the baton holder (the scheduler's mutex held for run and timer
// picks, the alt's channel locks held for guard picks); a strategy takes no lock of its own.
#pragma once

#include <csp/detail/process.hpp>

#include <csptrace/schedule_spec.hpp>
#include <csptrace/schema.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace csp::detail {

class Strategy {
 public:
  virtual ~Strategy() = default;

  // Whether "fire the earliest timer now" is offered while processes can run (else virtual time
  // advances only when nothing can run).
  virtual bool races_timers() const = 0;
  // Which runnable process runs next: an index into `runnable`, or runnable.size() to fire the
  // earliest timer first (only when timer_offered).
  virtual std::size_t pick_run(std::span<Process* const> runnable, bool timer_offered) = 0;
  // Nothing can run and a timer fires: the run decision that had only that option.
  virtual void forced_timer() {}
  // Which guard of p's alt number `alt` is tried first: an index into `guards` (guard indices).
  virtual std::size_t pick_guard(const Process& p, uint32_t alt,
                                 std::span<const uint32_t> guards) = 0;
  // Which of the timers due at one instant fires first: an index into `due` (their channels).
  virtual std::size_t pick_timer(std::span<const csptrace::ChanId> due) = 0;

  // A replay that no longer matches its trace: what went wrong, for a person (then every pick
  // answers 0 and the scheduler halts the run).
  virtual std::optional<std::string> diverged() const { return std::nullopt; }
  // At the end of a normal run: a replay with recorded decisions left over says so.
  virtual std::optional<std::string> leftover() const { return std::nullopt; }
  // The header's `strategy` text.
  virtual std::string describe() const = 0;
  // A replay: the seed the original run's header names (its own header repeats it).
  virtual std::optional<uint64_t> original_seed() const { return std::nullopt; }
};

// Throws std::invalid_argument (a replay's trace that cannot be read, a decision list with a
// bad line) with the file named.
std::unique_ptr<Strategy> make_strategy(const csptrace::ScheduleSpec& spec, uint64_t seed);

// The strategies, for make_strategy.
std::unique_ptr<Strategy> make_random_strategy(uint64_t seed, bool race_timers);
std::unique_ptr<Strategy> make_pct_strategy(uint64_t seed, uint32_t depth, uint64_t steps);
std::unique_ptr<Strategy> make_replay_strategy(const std::string& trace_path);
std::unique_ptr<Strategy> make_prefix_strategy(const std::string& list_path);

}  // namespace csp::detail
