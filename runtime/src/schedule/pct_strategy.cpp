// PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte, ASPLOS
// 2010), for a cooperative scheduler: every process gets a random priority when it first shows
// up (higher than d); the highest-priority runnable process always runs; at d-1 run decisions
// chosen at random among the first `steps`, the process about to run drops to priority d-i
// instead (below every initial priority). A bug of depth d is found with probability at least
// 1/(n * k^(d-1)) per run (n processes, k steps). "Fire the earliest timer now" competes as one
// more party with a priority of its own. Guards and same-instant timers are picked at random.
#include "strategy.hpp"

#include "../scheduler.hpp"

#include <algorithm>
#include <unordered_map>
#include <vector>

namespace csp::detail {

namespace {

class PctStrategy final : public Strategy {
 public:
  PctStrategy(uint64_t seed, uint32_t depth, uint64_t steps)
      : rng_{seed}, depth_(depth), steps_(steps ? steps : kDefaultSteps), seed_(seed) {
    for (uint32_t i = 1; i < depth_; ++i) change_at_.push_back(1 + rng_.next() % steps_);
  }

  bool races_timers() const override { return true; }

  std::size_t pick_run(std::span<Process* const> runnable, bool timer_offered) override {
    ++step_;
    const std::size_t n = runnable.size() + (timer_offered ? 1 : 0);
    auto key = [&](std::size_t i) { return i < runnable.size() ? runnable[i]->id : kTimerParty; };
    auto best = [&] {
      std::size_t b = 0;
      for (std::size_t i = 1; i < n; ++i)
        if (priority(key(i)) > priority(key(b))) b = i;
      return b;
    };
    std::size_t b = best();
    for (std::size_t c = 0; c < change_at_.size(); ++c) {
      if (change_at_[c] != step_) continue;
      prio_[key(b)] = static_cast<int64_t>(depth_) - 1 - static_cast<int64_t>(c);
      b = best();
    }
    return b;
  }
  std::size_t pick_guard(const Process&, uint32_t, std::span<const uint32_t> guards) override {
    return rng_.next() % guards.size();
  }
  std::size_t pick_timer(std::span<const csptrace::ChanId> due) override {
    return rng_.next() % due.size();
  }
  std::string describe() const override {
    return "pct:seed=" + std::to_string(seed_) + ",depth=" + std::to_string(depth_) +
           ",steps=" + std::to_string(steps_);
  }

 private:
  static constexpr uint64_t kDefaultSteps = 100;
  static constexpr csptrace::ProcId kTimerParty = 0;  // no process has id 0

  int64_t priority(csptrace::ProcId id) {
    auto [it, fresh] = prio_.try_emplace(id, 0);
    // Initial priorities lie above every changed one (which are < depth); ties are broken by
    // the scan order, and 2^40 values make them rare.
    if (fresh) it->second = static_cast<int64_t>(depth_) + static_cast<int64_t>(rng_.next() >> 24);
    return it->second;
  }

  SplitMix64 rng_;
  uint32_t depth_;
  uint64_t steps_;
  uint64_t seed_;
  uint64_t step_ = 0;
  std::vector<uint64_t> change_at_;  // run decisions (1-based) where a priority drops
  std::unordered_map<csptrace::ProcId, int64_t> prio_;
};

}  // namespace

std::unique_ptr<Strategy> make_pct_strategy(uint64_t seed, uint32_t depth, uint64_t steps) {
  return std::make_unique<PctStrategy>(seed, depth, steps);
}

}  // namespace csp::detail
