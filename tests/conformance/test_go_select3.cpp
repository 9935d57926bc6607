// Go test/chan/select3.go, translated to csp::: which channel operations and selects block,
// which never do, and which panic.
//
// testBlock runs the operation in a process and waits 0.1 s (virtual time under the
// deterministic scheduler, where the operation's process runs first); testPanic's "unreachable"
// cases are counted. Go's nil channel blocks forever and is never selected; csp:: refuses a
// null Chan with csp::ChannelError, and a put on a closed channel returns false where Go
// panics (docs/runtime.md): those cases are the [differs] test below. An empty select
// (`select {}`, and `select { default: }`) cannot be written: csp::alts needs a guard (a
// static_assert).
#include "conformance.hpp"

#include <atomic>
#include <memory>
#include <string>

using namespace std::chrono_literals;
using conformance::on_every_scheduler;
using conformance::Scheduler;

namespace {

// testBlock: true when the process running `f` is still blocked after 0.1 s.
template <class F>
bool blocks(F f) {
  auto c = csp::chan<std::string>("c");
  csp::spawn("f", [c, f]() mutable -> csp::Proc<void> {
    co_await f();
    co_await c.put("never");  // f didn't block
  });
  csp::spawn("timer", [c]() -> csp::Proc<void> {
    co_await csp::timeout(100ms).take();  // 0.1s seems plenty long
    co_await c.put("always");             // f blocked always
  });
  return c.take_blocking() == std::string("always");
}

}  // namespace

TEST_CASE("go test/chan/select3.go", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) {
    auto unreachable = std::make_shared<std::atomic<int>>(0);
    auto closedch = csp::chan<int>("closedch");
    closedch.close();

    // sending to an async channel with free buffer space never blocks
    CHECK_FALSE(blocks([]() -> csp::Proc<void> {
      auto ch = csp::chan<int>("ch", csp::fixed(1));
      co_await ch.put(7);
    }));
    // receiving from a closed channel never blocks, and gets (zero, false)
    CHECK_FALSE(blocks([=]() -> csp::Proc<void> {
      for (int i = 0; i < 10; ++i) {
        if (co_await closedch.take()) ++*unreachable;  // expected zero value
        if (co_await closedch.take()) ++*unreachable;  // expected 0, false
      }
    }));
    // receiving from a non-ready channel always blocks
    CHECK(blocks([]() -> csp::Proc<void> {
      auto ch = csp::chan<int>("ch");
      co_await ch.take();
    }));
    // selects with non-ready non-nil channels always block
    CHECK(blocks([=]() -> csp::Proc<void> {
      auto ch = csp::chan<int>("ch");
      co_await csp::alts(csp::take(ch));
      ++*unreachable;
    }));
    // selects with ready channels don't block
    CHECK_FALSE(blocks([=]() -> csp::Proc<void> {
      auto ch = csp::chan<int>("ch", csp::fixed(1));
      if ((co_await csp::alts(csp::put(ch, 7), csp::otherwise)).index != 0) ++*unreachable;
    }));
    CHECK_FALSE(blocks([=]() -> csp::Proc<void> {
      auto ch = csp::chan<int>("ch", csp::fixed(1));
      co_await ch.put(7);
      if ((co_await csp::alts(csp::take(ch), csp::otherwise)).index != 0) ++*unreachable;
    }));
    // selects with closed channels behave like ordinary operations (x, and x, ok: the same in
    // csp::, three times as in the original)
    for (int form = 0; form < 3; ++form)
      CHECK_FALSE(blocks([=]() -> csp::Proc<void> {
        auto r = co_await csp::alts(csp::take(closedch));
        if (r.get<0>()) ++*unreachable;
      }));
    // select should not get confused if it sees itself
    CHECK(blocks([=]() -> csp::Proc<void> {
      auto c = csp::chan<int>("c");
      co_await csp::alts(csp::put(c, 1), csp::take(c));
      ++*unreachable;
    }));
    CHECK(*unreachable == 0);
  });
}

TEST_CASE("go test/chan/select3.go: nil channels, sends on closed channels",
          "[conformance][go][differs]") {
  on_every_scheduler([](const Scheduler&) {
    csp::Chan<int> nilch;
    auto closedch = csp::chan<int>("closedch");
    closedch.close();
    // Go: sending/receiving from a nil channel blocks
    CHECK_THROWS_AS(nilch.put_blocking(7), csp::ChannelError);
    CHECK_THROWS_AS(nilch.take_blocking(), csp::ChannelError);
    // Go: a nil channel inside a select is never selected
    CHECK_THROWS_AS(csp::alts_blocking(csp::put(nilch, 7), csp::otherwise), csp::ChannelError);
    CHECK_THROWS_AS(csp::alts_blocking(csp::take(nilch), csp::otherwise), csp::ChannelError);
    // Go: selects with only nil channels always block
    CHECK_THROWS_AS(csp::alts_blocking(csp::take(nilch)), csp::ChannelError);
    CHECK_THROWS_AS(csp::alts_blocking(csp::put(nilch, 7)), csp::ChannelError);
    CHECK_THROWS_AS(csp::alts_blocking(csp::take(nilch), csp::put(nilch, 7)), csp::ChannelError);
    // Go: sending to a closed channel panics; csp:: refuses the put at once
    CHECK_FALSE(closedch.put_blocking(7));
    auto r = csp::alts_blocking(csp::put(closedch, 7));
    CHECK(r.index == 0);
    CHECK(r.get<0>() == false);
  });
}
