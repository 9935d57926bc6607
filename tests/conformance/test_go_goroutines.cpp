// Go test/chan/goroutines.go, translated to csp::: 10 000 processes threaded together, each
// passing a value from its right neighbour to its left, torn down cleanly.
#include "conformance.hpp"

using conformance::on_every_scheduler;
using conformance::Scheduler;

TEST_CASE("go test/chan/goroutines.go", "[conformance][go]") {
  constexpr int n = 10000;
  on_every_scheduler([](const Scheduler&) {
    const auto leftmost = csp::chan<int>("leftmost");
    csp::Chan<int> right = leftmost;
    csp::Chan<int> left = leftmost;
    for (int i = 0; i < n; ++i) {
      right = csp::chan<int>("link");
      csp::spawn("f", [left, right]() -> csp::Proc<void> {
        std::optional<int> v = co_await right.take();
        co_await left.put(v.value_or(-1));
      });
      left = right;
    }
    csp::spawn("first", [right]() -> csp::Proc<void> { co_await right.put(1); });
    CHECK(leftmost.take_blocking() == 1);
  });
}
