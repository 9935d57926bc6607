// Helpers of the conformance suite: every translated test runs its body under the deterministic
// scheduler with several seeds and once on the pool, and checks each run's result.
//
// Catch2's assertions are not thread-safe, and on the pool a go process runs on a worker (under
// the deterministic scheduler, on the OS thread of whichever thread or main is blocked). So the
// bodies assert only in main; processes report through channels or atomics, checked by main or
// after the run.
#pragma once

#include <csp/csp.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace conformance {

// One way of running a program: a seed for the deterministic scheduler, or the pool.
struct Scheduler {
  std::string name;
  csp::Options options;
  bool deterministic = false;
};

// The seeds every test runs with; then the pool (one worker per core).
inline constexpr std::array<uint64_t, 3> kSeeds{1, 2, 3};

// $CSP_CONFORMANCE_SCHEDULERS=pool or =deterministic keeps only those runs (to time them, or
// to look at one); unset or anything else: all of them.
inline std::vector<Scheduler> schedulers() {
  const char* only = std::getenv("CSP_CONFORMANCE_SCHEDULERS");
  const std::string_view which = only ? only : "";
  std::vector<Scheduler> out;
  if (which != "pool")
    for (uint64_t seed : kSeeds) {
      csp::Options o;
      o.seed = seed;
      out.push_back({"deterministic, seed " + std::to_string(seed), o, true});
    }
  if (which != "deterministic") out.push_back({"pool", csp::Options{}, false});
  return out;
}

// Runs `main(sched)` as the program's main on every scheduler; each run must end Ok.
template <class F>
void on_every_scheduler(F&& main) {
  for (const Scheduler& s : schedulers()) {
    INFO("scheduler: " << s.name);
    const csp::RunResult r = csp::run(s.options, [&] { main(s); });
    INFO("run: " << r.message);
    CHECK(r.ok());
  }
}

// The same, handing each run's result to `check(sched, result)` instead of requiring Ok: for
// tests whose processes fail on purpose.
template <class F, class C>
void on_every_scheduler(F&& main, C&& check) {
  for (const Scheduler& s : schedulers()) {
    INFO("scheduler: " << s.name);
    const csp::RunResult r = csp::run(s.options, [&] { main(s); });
    INFO("run: " << r.message);
    check(s, r);
  }
}

// Clojure's (range n): 0 .. n-1.
inline std::vector<int> range(int n) {
  std::vector<int> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = i;
  return v;
}

// time.Sleep / Thread/sleep for main and threads: waits d (virtual time when deterministic,
// where it also lets every runnable process run first).
inline void sleep_blocking(std::chrono::nanoseconds d) { csp::timeout(d).take_blocking(); }

// The same inside a go process: co_await conformance::sleep(d).
inline csp::Proc<void> sleep(std::chrono::nanoseconds d) { co_await csp::timeout(d).take(); }

// Go's make(chan T, n): n == 0 is unbuffered (csp::fixed(0) is refused by design).
template <class T>
csp::Chan<T> make_chan(std::size_t cap, std::string_view name = {}) {
  return cap == 0 ? csp::chan<T>(name) : csp::chan<T>(name, csp::fixed(cap));
}

}  // namespace conformance
