// Go test/chan/select7.go, translated to csp::: a value sent by a plain send, a one-case select
// or a two-case select reaches a plain receive, a one-case select or a two-case select that
// discards it; every combination completes.
#include "conformance.hpp"

using conformance::on_every_scheduler;
using conformance::Scheduler;

namespace {

csp::Proc<void> recv(int how, csp::Chan<int> c) {
  if (how == 1) {
    co_await c.take();
  } else if (how == 2) {
    co_await csp::alts(csp::take(c));
  } else {
    auto c2 = csp::chan<int>("c2");
    co_await csp::alts(csp::take(c), csp::take(c2));
  }
}

// The send of send1, send2 or send3 to a process receiving with recv(how); the guard that won.
csp::Proc<int> send(int sender, int how) {
  auto c = csp::chan<int>("c");
  csp::spawn("recv", [how, c]() -> csp::Proc<void> { co_await recv(how, c); });
  co_await csp::yield();
  if (sender == 1) {
    co_await c.put(1);
    co_return 0;
  }
  if (sender == 2) co_return (co_await csp::alts(csp::put(c, 1))).index;
  auto c2 = csp::chan<int>("c2");
  co_return (co_await csp::alts(csp::put(c, 1), csp::put(c2, 1))).index;
}

}  // namespace

TEST_CASE("go test/chan/select7.go", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) {
    for (int how = 1; how <= 3; ++how)
      for (int sender = 1; sender <= 3; ++sender) {
        INFO("send" << sender << "(recv" << how << ")");
        auto r = csp::go(
            "main", [sender, how]() -> csp::Proc<int> { co_return co_await send(sender, how); });
        CHECK(r.take_blocking() == 0);
      }
  });
}
