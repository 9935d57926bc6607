// Go test/chan/fifo.go, translated to csp::: a buffered channel, and an unbuffered one whose
// receivers are threaded into a daisy chain, both deliver values in the order sent.
#include "conformance.hpp"

#include <atomic>
#include <memory>
#include <vector>

using conformance::on_every_scheduler;
using conformance::Scheduler;

namespace {
constexpr int N = 10;
}

TEST_CASE("go test/chan/fifo.go: AsynchFifo", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) {
    auto ch = csp::chan<int>("ch", csp::fixed(N));
    for (int i = 0; i < N; ++i) ch.put_blocking(i);
    std::vector<int> got, want;
    for (int i = 0; i < N; ++i) {
      got.push_back(ch.take_blocking().value_or(-1));
      want.push_back(i);
    }
    CHECK(got == want);  // "bad receive"
  });
}

TEST_CASE("go test/chan/fifo.go: SynchFifo", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) {
    auto bad = std::make_shared<std::atomic<int>>(0);  // Chain's panic(val)
    auto ch = csp::chan<int>("ch");
    auto in = csp::chan<int>("in");
    const auto start = in;
    for (int i = 0; i < N; ++i) {
      auto out = csp::chan<int>("out");
      csp::spawn("Chain", [ch, val = i, in, out, bad]() -> csp::Proc<void> {
        co_await in.take();
        if ((co_await ch.take()) != val) ++*bad;
        co_await out.put(1);
      });
      in = out;
    }
    start.put_blocking(0);
    for (int i = 0; i < N; ++i) ch.put_blocking(i);
    in.take_blocking();
    CHECK(*bad == 0);
  });
}
