// Seeded random choices. With timers=idle it draws exactly as the scheduler did before
// strategies existed (one draw per run pick and per alt with several ready guards, timers due at
// one instant in the order they were armed), so a seed names the same run as before.
#include "strategy.hpp"

#include "../scheduler.hpp"

namespace csp::detail {

namespace {

class RandomStrategy final : public Strategy {
 public:
  RandomStrategy(uint64_t seed, bool race_timers) : rng_{seed}, race_(race_timers) {}

  bool races_timers() const override { return race_; }
  std::size_t pick_run(std::span<Process* const> runnable, bool timer_offered) override {
    return rng_.next() % (runnable.size() + (timer_offered ? 1 : 0));
  }
  std::size_t pick_guard(const Process&, uint32_t, std::span<const uint32_t> guards) override {
    return rng_.next() % guards.size();
  }
  std::size_t pick_timer(std::span<const csptrace::ChanId> due) override {
    return race_ ? rng_.next() % due.size() : 0;
  }
  std::string describe() const override { return race_ ? "random:timers=race" : "random"; }

 private:
  SplitMix64 rng_;
  bool race_;
};

}  // namespace

std::unique_ptr<Strategy> make_random_strategy(uint64_t seed, bool race_timers) {
  return std::make_unique<RandomStrategy>(seed, race_timers);
}

std::unique_ptr<Strategy> make_strategy(const csptrace::ScheduleSpec& spec, uint64_t seed) {
  using S = csptrace::ScheduleSpec::Strategy;
  switch (spec.strategy) {
    case S::Random: return make_random_strategy(spec.seed.value_or(seed), spec.race_timers);
    case S::Pct: return make_pct_strategy(spec.seed.value_or(seed), spec.depth, spec.steps);
    case S::Replay: return make_replay_strategy(spec.path);
    case S::Prefix: return make_prefix_strategy(spec.path);
  }
  return make_random_strategy(seed, false);
}

}  // namespace csp::detail
