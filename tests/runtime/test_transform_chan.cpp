// Channels with a transform (csp/transform_chan.hpp, runtime/src/channel_transform.cpp) and
// transduce: the rules one at a time, then properties that try to lose or duplicate a value on
// both schedulers, and the trace of a transformed channel read back through the replay.
#include "trace_helpers.hpp"

#include <csptrace/analysis.hpp>
#include <csptrace/replay.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using csptrace::EventKind;

namespace {

// The transform of the property tests: drops multiples of 3, turns each other x into x, -x.
auto drop3_twice() {
  return csp::comp(csp::filter([](int x) { return x % 3 != 0; }), csp::mapcat([](int x) {
                     return std::vector<int>{x, -x};
                   }));
}

std::vector<int> expected_outputs(int producers, int per) {
  std::vector<int> out;
  for (int p = 0; p < producers; ++p)
    for (int i = 1; i <= per; ++i) {
      const int x = p * 1000 + i;
      if (x % 3 != 0) out.insert(out.end(), {x, -x});
    }
  std::sort(out.begin(), out.end());
  return out;
}

// Producers (go puts, a thread's blocking puts, alts put guards) feed `c` through its transform;
// consumers (go takes, a thread, alts take guards) drain it; a closer closes it when every
// producer is done. Returns what the consumers took, sorted.
std::vector<int> run_mixed(const csp::Options& opt, csp::BufferSpec buffer,
                           csp::RunResult* result = nullptr) {
  constexpr int kPer = 40;
  auto taken = std::make_shared<std::vector<int>>();
  auto mu = std::make_shared<std::mutex>();
  const csp::RunResult r = csp::run(opt, [&] {
    auto c = csp::chan<int>("xf", buffer, drop3_twice());
    std::vector<csp::Chan<csp::Unit>> producers;
    producers.push_back(csp::go("put", [=]() -> csp::Proc<void> {
      for (int i = 1; i <= kPer; ++i) co_await c.put(i);
    }));
    producers.push_back(csp::go("alts put", [=]() -> csp::Proc<void> {
      auto idle = csp::chan<int>("idle");
      for (int i = 1; i <= kPer; ++i) co_await csp::alts(csp::put(c, 1000 + i), csp::take(idle));
    }));
    producers.push_back(csp::thread("thread put", [=] {
      for (int i = 1; i <= kPer; ++i) c.put_blocking(2000 + i);
    }));
    std::vector<csp::Chan<csp::Unit>> consumers;
    auto keep = [=](int v) {
      std::lock_guard lk(*mu);
      taken->push_back(v);
    };
    for (int k = 0; k < 2; ++k)
      consumers.push_back(csp::go("take", [=]() -> csp::Proc<void> {
        while (auto v = co_await c.take()) keep(*v);
      }));
    consumers.push_back(csp::go("alts take", [=]() -> csp::Proc<void> {
      for (;;) {
        auto a = co_await csp::alts(csp::take(c), csp::take(csp::timeout(1h)));
        if (a.index != 0 || !a.get<0>()) co_return;
        keep(*a.get<0>());
      }
    }));
    consumers.push_back(csp::thread("thread take", [=] {
      while (auto v = c.take_blocking()) keep(*v);
    }));
    for (auto& p : producers) p.take_blocking();
    c.close();
    for (auto& k : consumers) k.take_blocking();
  });
  if (result) *result = r;
  CHECK(r.ok());
  std::sort(taken->begin(), taken->end());
  return *taken;
}

}  // namespace

TEST_CASE("transform: map, filter, mapcat and comp on a buffered channel", "[transform]") {
  const auto r = csp::run(rt_test::deterministic(1), [] {
    auto c =
        csp::chan<int>("c", csp::fixed(4),
                       csp::comp(csp::map([](int x) { return x * 10; }),
                                 csp::remove([](int x) { return x == 20; }), csp::mapcat([](int x) {
                                   return std::vector<int>{x, x + 1};
                                 })));
    for (int i = 1; i <= 3; ++i) CHECK(c.put_blocking(i));
    c.close();
    std::vector<int> got;
    while (auto v = c.take_blocking()) got.push_back(*v);
    CHECK(got == std::vector<int>{10, 11, 30, 31});
  });
  CHECK(r.ok());
}

TEST_CASE("transform: an expanding put passes a full fixed buffer, size counts the overflow",
          "[transform]") {
  const auto r = csp::run(rt_test::deterministic(2), [] {
    auto c = csp::chan<std::vector<int>>("c", csp::fixed(2),
                                         csp::mapcat([](std::vector<int> v) { return v; }));
    CHECK(c.offer({1, 2, 3, 4, 5}));
    CHECK(c.size() == 5);
    CHECK_FALSE(c.offer({6}));  // full until the overflow is taken
    for (int v = 1; v <= 4; ++v) CHECK(c.take_blocking() == v);
    CHECK(c.size() == 1);
    CHECK(c.offer({6}));
    CHECK(c.take_blocking() == 5);
    CHECK(c.take_blocking() == 6);
  });
  CHECK(r.ok());
}

TEST_CASE("transform: dropping and sliding buffers apply their policy to each output",
          "[transform]") {
  const auto r = csp::run(rt_test::deterministic(3), [] {
    const auto spread = csp::mapcat([](std::vector<int> v) { return v; });
    auto d = csp::chan<std::vector<int>>("d", csp::dropping(2), spread);
    auto s = csp::chan<std::vector<int>>("s", csp::sliding(2), spread);
    CHECK(d.offer({1, 2, 3, 4}));
    CHECK(s.offer({1, 2, 3, 4}));
    CHECK(d.take_blocking() == 1);
    CHECK(d.take_blocking() == 2);
    CHECK(s.take_blocking() == 3);
    CHECK(s.take_blocking() == 4);
    CHECK(d.size() == 0);
    CHECK(s.size() == 0);
  });
  CHECK(r.ok());
}

TEST_CASE("transform: partition_all's last group is flushed on close, to a waiting taker too",
          "[transform]") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const auto r = csp::run(rt_test::deterministic(seed), [] {
      auto c = csp::chan<int>("groups", csp::fixed(1), csp::partition_all(3));
      auto got = csp::go("taker", [=]() -> csp::Proc<std::vector<std::vector<int>>> {
        std::vector<std::vector<int>> all;
        while (auto g = co_await c.take()) all.push_back(*g);
        co_return all;
      });
      for (int i = 1; i <= 5; ++i) c.put_blocking(i);
      c.close();
      CHECK(got.take_blocking() == std::vector<std::vector<int>>{{1, 2, 3}, {4, 5}});
    });
    CHECK(r.ok());
  }
}

TEST_CASE("transform: a close with puts waiting flushes after the last of them is let in",
          "[transform]") {
  const auto r = csp::run(rt_test::deterministic(4), [] {
    auto c = csp::chan<int>("groups", csp::fixed(1), csp::partition_all(2));
    for (int i = 1; i <= 2; ++i) c.put_blocking(i);  // [1 2] fills the buffer
    auto waiting = csp::go("put 3", [=]() -> csp::Proc<bool> { co_return co_await c.put(3); });
    csp::timeout(1ms).take_blocking();  // "put 3" parks on the full buffer
    c.close();
    CHECK(c.take_blocking() == std::vector<int>{1, 2});  // lets 3 in, then flushes [3]
    CHECK(waiting.take_blocking() == true);
    CHECK(c.take_blocking() == std::vector<int>{3});
    CHECK_FALSE(c.take_blocking().has_value());
  });
  CHECK(r.ok());
}

TEST_CASE("transform: a reduced transform closes the channel and releases waiting puts",
          "[transform]") {
  const auto r = csp::run(rt_test::deterministic(5), [] {
    auto c = csp::chan<int>("small", csp::fixed(1), csp::take_while([](int x) { return x < 3; }));
    CHECK(c.put_blocking(1));
    auto parked = csp::go("put 2", [=]() -> csp::Proc<bool> { co_return co_await c.put(2); });
    auto parked2 = csp::go("put 5", [=]() -> csp::Proc<bool> { co_return co_await c.put(5); });
    csp::timeout(1ms).take_blocking();
    CHECK(c.take_blocking() == 1);  // lets 2 in: the buffer is full again
    CHECK(parked.take_blocking() == true);
    CHECK_FALSE(c.closed());
    CHECK(c.take_blocking() == 2);  // lets 5 in, which ends the transduction
    CHECK(parked2.take_blocking() == true);
    CHECK(c.closed());
    CHECK_FALSE(c.take_blocking().has_value());
    CHECK_FALSE(c.put_blocking(1));
  });
  CHECK(r.ok());
}

TEST_CASE("transform: the ex-handler's value replaces a failed one, without one it is reported",
          "[transform]") {
  const auto fragile = csp::map([](int x) {
    if (x == 2) throw std::runtime_error("two");
    return x;
  });
  const auto r = csp::run(rt_test::deterministic(6), [&] {
    auto c = csp::chan<int>("handled", csp::fixed(3), fragile,
                            [](std::exception_ptr) -> std::optional<int> { return -1; });
    for (int i = 1; i <= 3; ++i) CHECK(c.put_blocking(i));
    for (int v : {1, -1, 3}) CHECK(c.take_blocking() == v);
  });
  CHECK(r.ok());
  const auto r2 = csp::run(rt_test::deterministic(6), [&] {
    auto c = csp::chan<int>("unhandled", csp::fixed(3), fragile);
    for (int i = 1; i <= 3; ++i) CHECK(c.put_blocking(i));
    CHECK(c.take_blocking() == 1);
    CHECK(c.take_blocking() == 3);
  });
  CHECK(r2.status == csp::RunStatus::Error);
  REQUIRE(r2.errors.size() == 1);
  CHECK(r2.errors[0].message.find("two") != std::string::npos);
}

TEST_CASE("transform: a channel with a transform needs a buffer", "[transform]") {
  const auto r = csp::run(rt_test::deterministic(7), [] {
    CHECK_THROWS_AS(csp::chan<int>("c", csp::unbuffered(), csp::map([](int x) { return x; })),
                    csp::ChannelError);
  });
  CHECK(r.ok());
}

TEST_CASE("transduce: folds the transformed values, completion included, and stops when reduced",
          "[transform]") {
  const auto r = csp::run(rt_test::deterministic(8), [] {
    auto groups = csp::transduce(
        csp::partition_all(2),
        [](int acc, std::vector<int> g) { return acc * 10 + static_cast<int>(g.size()); }, 0,
        csp::to_chan(std::vector<int>{1, 2, 3, 4, 5}));
    CHECK(groups.take_blocking() == 221);
    auto until = csp::transduce(
        csp::take_while([](int x) { return x < 4; }), [](int acc, int x) { return acc + x; }, 0,
        csp::to_chan(std::vector<int>{1, 2, 3, 4, 5}));
    CHECK(until.take_blocking() == 6);
    auto stop = csp::transduce(
        csp::map([](int x) { return x; }),
        [](int acc, int x) -> csp::ReduceStep<int> {
          if (x == 3) return csp::reduced(acc);
          return acc + x;
        },
        0, csp::to_chan(std::vector<int>{1, 2, 3, 4}));
    CHECK(stop.take_blocking() == 3);
  });
  CHECK(r.ok());
}

TEST_CASE("transform property: every value put through a transform is taken exactly once",
          "[transform][property]") {
  const std::vector<int> expected = expected_outputs(3, 40);
  for (csp::BufferSpec buffer : {csp::fixed(1), csp::fixed(3)}) {
    for (uint64_t seed = 1; seed <= 40; ++seed) {
      INFO("deterministic seed " << seed << ", buffer " << buffer.capacity);
      CHECK(run_mixed(rt_test::deterministic(seed), buffer) == expected);
    }
    for (int i = 0; i < 5; ++i) {
      INFO("pool run " << i << ", buffer " << buffer.capacity);
      CHECK(run_mixed(csp::Options{}, buffer) == expected);
    }
  }
}

TEST_CASE("transform: the trace's buffer puts and takes balance and the replay ends empty",
          "[transform][trace]") {
  // Producers and consumers of one transformed channel; every run ends with "xf" empty.
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    INFO("seed " << seed);
    csp::Options opt = rt_test::deterministic(seed);
    auto t = rt_test::run_traced(
        opt,
        [] {
          auto c = csp::chan<int>("xf", csp::fixed(1), drop3_twice());
          auto putter = csp::go("put", [=]() -> csp::Proc<void> {
            for (int i = 1; i <= 12; ++i) co_await c.put(i);
            c.close();
          });
          auto taker = csp::go("take", [=]() -> csp::Proc<int> {
            int n = 0;
            while (co_await c.take()) ++n;
            co_return n;
          });
          CHECK(taker.take_blocking() == 16);
          putter.take_blocking();
        },
        "transform_traced");
    REQUIRE(t.result.ok());
    CHECK(rt_test::count_on(t.model, EventKind::BufPut, "xf") == 16);
    CHECK(rt_test::count_on(t.model, EventKind::BufTake, "xf") == 16);
    const csptrace::Replay replay(t.model);
    const csptrace::ReplayState end = replay.state_at(t.model.size() - 1);
    for (size_t c = 0; c < t.model.channels().size(); ++c)
      if (t.model.str(t.model.channels()[c].name) == "xf") CHECK(end.channels[c].level() == 0);
    for (const auto& f : csptrace::analyze(replay)) CHECK(f.severity != csptrace::Severity::Error);
  }
}
