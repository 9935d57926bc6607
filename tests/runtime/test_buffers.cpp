// Buffered channels: fixed, dropping, sliding and promise; what each keeps and what it drops.
#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
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

TEST_CASE("fixed: holds n values in order; a put on a full buffer waits", "[buffer]") {
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
      results.push_back(csp::go("asker", [=]() -> csp::Proc<int> { co_return *co_await p.take(); }));
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
