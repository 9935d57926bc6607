// The combinators: what each delivers, in which order, and that it closes what it should.
// All run on the deterministic scheduler, so failures reproduce.
#include <csp/combinators.hpp>
#include <csp/csp.hpp>

#include <csptrace/trace_reader.hpp>

#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace {

csp::Options seeded(uint64_t seed = 1) {
  csp::Options o;
  o.seed = seed;
  return o;
}

// Takes everything from ch until it closes.
csp::Proc<std::vector<int>> drain(csp::Chan<int> ch) {
  std::vector<int> out;
  while (auto v = co_await ch.take()) out.push_back(*v);
  co_return out;
}

std::vector<int> range(int n) {
  std::vector<int> v(n);
  for (int i = 0; i < n; ++i) v[i] = i;
  return v;
}

}  // namespace

TEST_CASE("pipe forwards in order and closes the destination", "[combinators]") {
  std::vector<int> got;
  auto r = csp::run(seeded(), [&]() -> csp::Proc<void> {
    auto from = csp::to_chan(range(20), "from");
    auto to = csp::chan<int>("to");
    csp::pipe(from, to);
    got = co_await drain(to);
  });
  REQUIRE(r.ok());
  REQUIRE(got == range(20));
}

TEST_CASE("pipeline keeps input order with several workers", "[combinators]") {
  for (uint64_t seed : {1, 2, 3, 4}) {
    std::vector<int> got;
    auto r = csp::run(seeded(seed), [&]() -> csp::Proc<void> {
      auto from = csp::to_chan(range(30), "numbers");
      auto to = csp::chan<int>("squares");
      csp::pipeline(4, to, [](int x) { return x * x; }, from);
      got = co_await drain(to);
    });
    REQUIRE(r.ok());
    std::vector<int> want;
    for (int x : range(30)) want.push_back(x * x);
    CAPTURE(seed);
    REQUIRE(got == want);
  }
}

TEST_CASE("merge delivers every value of every input and closes after the last", "[combinators]") {
  std::vector<int> got;
  auto r = csp::run(seeded(7), [&]() -> csp::Proc<void> {
    std::vector<csp::Chan<int>> ins;
    for (int k = 0; k < 3; ++k) {
      std::vector<int> items;
      for (int i = 0; i < 10; ++i) items.push_back(k * 100 + i);
      ins.push_back(csp::to_chan(items, "in-" + std::to_string(k)));
    }
    got = co_await drain(csp::merge(ins, "all"));
  });
  REQUIRE(r.ok());
  REQUIRE(got.size() == 30);
  for (int k = 0; k < 3; ++k) {  // each input's values keep their order
    std::vector<int> mine;
    std::copy_if(got.begin(), got.end(), std::back_inserter(mine),
                 [k](int v) { return v / 100 == k; });
    std::vector<int> want;
    for (int i = 0; i < 10; ++i) want.push_back(k * 100 + i);
    REQUIRE(mine == want);
  }
}

TEST_CASE("split routes by predicate and closes both sides", "[combinators]") {
  std::vector<int> evens, odds;
  auto r = csp::run(seeded(), [&]() -> csp::Proc<void> {
    auto [yes, no] = csp::split([](int v) { return v % 2 == 0; }, csp::to_chan(range(10)),
                                csp::fixed(10), csp::fixed(10));
    evens = co_await drain(yes);
    odds = co_await drain(no);
  });
  REQUIRE(r.ok());
  REQUIRE(evens == std::vector<int>{0, 2, 4, 6, 8});
  REQUIRE(odds == std::vector<int>{1, 3, 5, 7, 9});
}

TEST_CASE("mult gives every value to every tap and closes them", "[combinators]") {
  std::vector<int> a_got, b_got;
  auto r = csp::run(seeded(3), [&]() -> csp::Proc<void> {
    auto source = csp::chan<int>("source");
    auto m = csp::mult(source);
    auto a = csp::chan<int>("tap-a"), b = csp::chan<int>("tap-b");
    csp::tap(m, a);
    csp::tap(m, b);
    auto ra = csp::go("reader-a", [a]() -> csp::Proc<std::vector<int>> { co_return co_await drain(a); });
    auto rb = csp::go("reader-b", [b]() -> csp::Proc<std::vector<int>> { co_return co_await drain(b); });
    co_await csp::onto_chan(source, range(8)).take();
    a_got = *co_await ra.take();
    b_got = *co_await rb.take();
  });
  REQUIRE(r.ok());
  REQUIRE(a_got == range(8));
  REQUIRE(b_got == range(8));
}

TEST_CASE("pub/sub routes each value to its topic's subscribers only", "[combinators]") {
  std::vector<int> small, big;
  auto r = csp::run(seeded(5), [&]() -> csp::Proc<void> {
    auto source = csp::chan<int>("numbers");
    auto p = csp::pub(source, [](int v) { return std::string(v < 5 ? "small" : "big"); });
    auto s = csp::chan<int>("small", csp::fixed(10)), b = csp::chan<int>("big", csp::fixed(10));
    csp::sub(p, std::string("small"), s);
    csp::sub(p, std::string("big"), b);
    co_await csp::onto_chan(source, range(10)).take();
    co_await p.done().take();
    small = co_await drain(s);
    big = co_await drain(b);
  });
  REQUIRE(r.ok());
  REQUIRE(small == std::vector<int>{0, 1, 2, 3, 4});
  REQUIRE(big == std::vector<int>{5, 6, 7, 8, 9});
}

TEST_CASE("reduce and into collect a channel once it closes", "[combinators]") {
  long sum = 0;
  std::vector<int> all;
  auto r = csp::run(seeded(), [&]() -> csp::Proc<void> {
    auto total = csp::reduce([](long acc, int v) { return acc + v; }, 0L, csp::to_chan(range(101)));
    sum = (co_await total.take()).value();
    auto collected = csp::into(std::vector<int>{-1}, csp::to_chan(range(3)));
    all = (co_await collected.take()).value();
  });
  REQUIRE(r.ok());
  REQUIRE(sum == 5050);
  REQUIRE(all == std::vector<int>{-1, 0, 1, 2});
}

TEST_CASE("each combinator runs as a named process in the trace", "[combinators]") {
  auto path = rt_test::temp_trace_path("combinators");
  csp::Options o = seeded();
  o.trace_path = path;
  auto r = csp::run(o, [&]() -> csp::Proc<void> {
    auto from = csp::to_chan(range(3), "from");
    auto to = csp::chan<int>("to");
    csp::pipe(from, to);
    co_await drain(to);
  });
  REQUIRE(r.ok());
  csptrace::TraceModel m = csptrace::load_trace(path);
  bool found = false;
  for (const auto& p : m.processes()) found |= p.name == "pipe from -> to";
  REQUIRE(found);
}
