// Buffered channels: fixed, dropping, sliding and promise; what each keeps and what it drops.
#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using csptrace::EventKind;
using rt_test::deterministic;

namespace {
std::vector<int> drain(const csp::Chan<int>& c) {
  std::vector<int> out;
  while (auto v = c.poll()) out.push_back(*v);
  return out;
}
}  // namespace

TEST_CASE("fixed: holds n values in order, a put on a full buffer waits", "[buffer]") {
  auto t = rt_test::run_traced(deterministic(2), [&] {
    auto c = csp::chan<int>("shelf", csp::fixed(2));
    CHECK(c.put_blocking(1));
    CHECK(c.put_blocking(2));
    auto w = csp::go("third", [=]() -> csp::Proc<void> { co_await c.put(3); });
    csp::timeout(1ms).take_blocking();  // "third" is parked on the full buffer
    CHECK(c.take_blocking() == 1);      // makes room: 3 enters the buffer
    w.take_blocking();
    CHECK(drain(c) == std::vector<int>{2, 3});
  });
  REQUIRE(t.result.ok());
  // The waiting value entered the buffer as the take made room: buf_take, transfer, buf_put.
  auto takes = rt_test::events_of(t.model, EventKind::BufTake);
  REQUIRE(!takes.empty());
  CHECK(t.model.kind(takes[0] + 1) == EventKind::Transfer);
  CHECK(t.model.event(takes[0] + 1).via == csptrace::Via::Buffer);
  CHECK(t.model.kind(takes[0] + 2) == EventKind::BufPut);
  CHECK(t.model.event(takes[0] + 2).value.num == 3);
  CHECK(t.model.kind(takes[0] + 3) == EventKind::Resume);
}

TEST_CASE("dropping: a put on a full buffer succeeds and the new value is lost", "[buffer]") {
  auto t = rt_test::run_traced(csp::Options{}, [&] {
    auto c = csp::chan<int>("drop", csp::dropping(2));
    for (int i = 1; i <= 4; ++i) CHECK(c.put_blocking(i));
    CHECK(drain(c) == std::vector<int>{1, 2});
  });
  REQUIRE(t.result.ok());
  auto drops = rt_test::events_of(t.model, EventKind::BufDrop);
  REQUIRE(drops.size() == 2);
  CHECK(t.model.event(drops[0]).value.num == 3);
  CHECK(t.model.event(drops[1]).value.num == 4);
}

TEST_CASE("sliding: a put on a full buffer succeeds and the oldest value is lost", "[buffer]") {
  auto t = rt_test::run_traced(csp::Options{}, [&] {
    auto c = csp::chan<int>("slide", csp::sliding(2));
    for (int i = 1; i <= 4; ++i) CHECK(c.put_blocking(i));
    CHECK(drain(c) == std::vector<int>{3, 4});
  });
  REQUIRE(t.result.ok());
  auto drops = rt_test::events_of(t.model, EventKind::BufDrop);
  REQUIRE(drops.size() == 2);
  CHECK(t.model.event(drops[0]).value.num == 1);
  CHECK(t.model.kind(drops[0] + 1) == EventKind::BufPut);  // then the new value goes in
  CHECK(t.model.event(drops[0] + 1).value.num == 3);
}

TEST_CASE("promise: the first value is kept forever, later puts are dropped", "[buffer]") {
  csp::RunResult r = csp::run(deterministic(4), [&] {
    auto p = csp::promise_chan<int>("answer");
    std::vector<csp::Chan<int>> results;
    for (int i = 0; i < 3; ++i)
      results.push_back(
          csp::go("asker", [=]() -> csp::Proc<int> { co_return *co_await p.take(); }));
    csp::timeout(1ms).take_blocking();  // all three wait
    CHECK(p.put_blocking(42));
    CHECK(p.put_blocking(7));  // accepted, dropped
    for (auto& res : results) CHECK(res.take_blocking() == 42);
    CHECK(p.take_blocking() == 42);
    p.close();
    CHECK(p.take_blocking() == 42);  // still there after close
  });
  CHECK(r.ok());
}

TEST_CASE("closing a buffered channel keeps its values takeable", "[buffer]") {
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    auto c = csp::chan<int>("c", csp::fixed(3));
    c.put_blocking(1);
    c.put_blocking(2);
    c.close();
    CHECK_FALSE(c.put_blocking(3));
    CHECK(c.take_blocking() == 1);
    CHECK(c.take_blocking() == 2);
    CHECK_FALSE(c.take_blocking());
  });
  CHECK(r.ok());
}

TEST_CASE("a buffer of size 0 is refused with a hint", "[buffer]") {
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    CHECK_THROWS_WITH(csp::chan<int>("zero", csp::fixed(0)),
                      Catch::Contains("'zero'") && Catch::Contains("unbuffered"));
  });
  CHECK(r.ok());
}

namespace {
// Over-aligned, and counts its live copies: the buffer lives in the channel's own allocation.
struct alignas(64) Wide {
  static inline int live = 0;
  static inline bool misaligned = false;  // any copy (buffer slots included) off its alignment
  int v = 0;
  explicit Wide(int x = 0) : v(x) { born(); }
  Wide(const Wide& o) : v(o.v) { born(); }
  Wide(Wide&& o) noexcept : v(o.v) { born(); }
  Wide& operator=(const Wide&) = default;
  ~Wide() { --live; }
  void born() {
    ++live;
    misaligned |= reinterpret_cast<std::uintptr_t>(this) % alignof(Wide) != 0;
  }
};
}  // namespace

TEST_CASE("buffered values keep their alignment, wrap around, and die with the channel",
          "[buffer]") {
  Wide::live = 0;
  Wide::misaligned = false;
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    auto c = csp::chan<Wide>("a rather long channel name, longer than fifteen", csp::fixed(3));
    CHECK(c.name() == "a rather long channel name, longer than fifteen");
    for (int round = 0; round < 4; ++round) {  // head and count wrap past the end
      for (int i = 0; i < 3; ++i) CHECK(c.offer(Wide(round * 10 + i)));
      CHECK_FALSE(c.offer(Wide(99)));
      for (int i = 0; i < 2; ++i) {
        std::optional<Wide> w = c.poll();
        REQUIRE(w);
        CHECK(w->v == round * 10 + i);
      }
      CHECK(c.poll()->v == round * 10 + 2);
    }
    CHECK(c.offer(Wide(7)));
    CHECK(c.offer(Wide(8)));  // still buffered when the last handle goes
  });
  CHECK(r.ok());
  CHECK(Wide::live == 0);
  CHECK_FALSE(Wide::misaligned);
}

// Untraced go processes put into and take from buffers without suspending (the awaiters'
// inline fast paths); these check that path keeps the rules. Strings, so that a value moved
// twice or never destroyed shows (ASan).
TEST_CASE(
    "untraced buffered puts and takes in go processes: every value once, in order per producer",
    "[buffer]") {
  constexpr int kProducers = 4, kConsumers = 3, kPer = 2000;
  std::vector<std::string> taken[kConsumers];
  std::atomic<int> refused{0};  // Catch's CHECK is not for pool workers: count, check after
  csp::Options opt;
  opt.workers = 3;
  csp::RunResult r = csp::run(opt, [&] {
    auto c = csp::chan<std::string>("shelf", csp::fixed(3));
    std::vector<csp::Chan<csp::Unit>> producers;
    for (int p = 0; p < kProducers; ++p)
      producers.push_back(csp::go("producer", [=, &refused]() -> csp::Proc<void> {
        for (int k = 0; k < kPer; ++k) {
          std::string v = "producer " + std::to_string(p) + " value " + std::to_string(k);
          const bool accepted = co_await c.put(std::move(v));
          if (!accepted) ++refused;
        }
      }));
    std::vector<csp::Chan<csp::Unit>> consumers;
    for (int i = 0; i < kConsumers; ++i)
      consumers.push_back(csp::go("consumer", [=, &taken]() -> csp::Proc<void> {
        while (auto v = co_await c.take()) taken[i].push_back(std::move(*v));
      }));
    for (auto& p : producers) p.take_blocking();
    c.close();
    for (auto& k : consumers) k.take_blocking();
  });
  REQUIRE(r.ok());
  CHECK(refused == 0);
  std::vector<std::string> all;
  for (int i = 0; i < kConsumers; ++i) {
    // One consumer sees each producer's values in the order they were put.
    std::vector<int> last(kProducers, -1);
    for (const std::string& v : taken[i]) {
      int p = 0, k = 0;
      REQUIRE(std::sscanf(v.c_str(), "producer %d value %d", &p, &k) == 2);
      CHECK(k > last[p]);
      last[p] = k;
    }
    all.insert(all.end(), taken[i].begin(), taken[i].end());
  }
  std::sort(all.begin(), all.end());
  CHECK(std::adjacent_find(all.begin(), all.end()) == all.end());
  CHECK(all.size() == static_cast<size_t>(kProducers * kPer));
}

TEST_CASE("untraced dropping and sliding buffers keep the right values for go processes",
          "[buffer]") {
  std::vector<int> dropped_kept, slid_kept;
  int accepted = 0;
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    auto d = csp::chan<int>("drop", csp::dropping(2));
    auto s = csp::chan<int>("slide", csp::sliding(2));
    accepted = *csp::go("putter", [=]() -> csp::Proc<int> {
                  int n = 0;
                  for (int i = 1; i <= 5; ++i) {
                    const bool into_dropping =
                        co_await d.put(i);  // never waits: full means dropped
                    const bool into_sliding = co_await s.put(i);
                    n += into_dropping + into_sliding;
                  }
                  co_return n;
                }).take_blocking();
    dropped_kept = drain(d);
    slid_kept = drain(s);
  });
  REQUIRE(r.ok());
  CHECK(accepted == 10);  // every put succeeds
  CHECK(dropped_kept == std::vector<int>{1, 2});
  CHECK(slid_kept == std::vector<int>{4, 5});
}
