// core.async src/test/clojure/clojure/core/async/timers_test.clj, translated to csp::.
#include "conformance.hpp"

#include <mutex>
#include <vector>

using namespace std::chrono_literals;
using conformance::on_every_scheduler;
using conformance::Scheduler;

// On the pool a timeout takes real time, as in core.async. The deterministic scheduler runs
// timers on virtual time (docs/runtime.md, "timeout(d)" and "Schedulers"): the take completes
// at once, so there the wall-clock assertion is replaced by its documented opposite.
TEST_CASE("core.async timers_test.clj: timeout-interval-test",
          "[conformance][core.async][differs]") {
  on_every_scheduler([](const Scheduler& s) {
    const auto start = std::chrono::steady_clock::now();
    auto test_timeout = csp::timeout(500ms);
    CHECK_FALSE(test_timeout.take_blocking());
    const auto elapsed = std::chrono::steady_clock::now() - start;
    if (s.deterministic)
      CHECK(elapsed < 500ms);
    else
      CHECK(elapsed >= 500ms);
  });
}

TEST_CASE("core.async timers_test.clj: timeout-ordering-test", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    std::mutex mu;
    std::vector<int> test_atom;
    const std::vector<csp::Chan<csp::Unit>> timeouts{csp::timeout(800ms), csp::timeout(600ms),
                                                     csp::timeout(700ms), csp::timeout(500ms)};
    std::vector<csp::Chan<csp::Unit>> threads;
    for (int i = 0; i < 4; ++i)
      threads.push_back(csp::thread("waiter", [&, i] {
        timeouts[static_cast<size_t>(i)].take_blocking();
        std::lock_guard lk(mu);
        test_atom.push_back(i);
      }));
    for (auto& t : threads) t.take_blocking();  // .join
    CHECK(test_atom == std::vector<int>{3, 1, 2, 0});
  });
}
