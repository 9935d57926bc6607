// Go test/chan/select6.go (issue 2075), translated to csp::: a select whose failed case waited
// on a channel with other waiters must leave that channel's queue intact, so that later waits
// on it are still woken.
#include "conformance.hpp"

#include <atomic>
#include <memory>

using conformance::on_every_scheduler;
using conformance::Scheduler;

TEST_CASE("go test/chan/select6.go", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) {
    auto c1 = csp::chan<bool>("c1");
    auto c2 = csp::chan<bool>("c2");
    auto c3 = csp::chan<bool>("c3");
    auto dummy = std::make_shared<std::atomic<bool>>(false);
    csp::spawn("recv c1", [c1]() -> csp::Proc<void> { co_await c1.take(); });
    csp::spawn("select", [c1, c2, c3, dummy]() -> csp::Proc<void> {
      auto r = co_await csp::alts(csp::take(c1), csp::take(c2));
      if (r.index == 0)
        *dummy = true;  // panic("dummy")
      else
        co_await c3.put(true);
      co_await c1.take();
    });
    csp::spawn("send c2", [c2]() -> csp::Proc<void> { co_await c2.put(true); });
    c3.take_blocking();
    c1.put_blocking(true);  // both must be received: else the run deadlocks
    c1.put_blocking(true);
    CHECK_FALSE(*dummy);
  });
}
