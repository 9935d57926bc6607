// Combinators: each a named process built on the primitives.
#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using rt_test::deterministic;

TEST_CASE("to_chan, pipe and into move every value in order", "[combinators]") {
  for (csp::Options opt : {csp::Options{}, deterministic(3)}) {
    std::vector<int> got;
    csp::RunResult r = csp::run(opt, [&] {
      auto src = csp::to_chan(std::vector<int>{1, 2, 3, 4});
      auto dst = csp::chan<int>("dst");
      csp::pipe(src, dst);
      got = *csp::into(dst).take_blocking();
    });
    CHECK(r.ok());
    CHECK(got == std::vector<int>{1, 2, 3, 4});
  }
}

TEST_CASE("reduce folds a channel", "[combinators]") {
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    auto src = csp::to_chan(std::vector<int>{1, 2, 3, 4, 5});
    auto sum = csp::reduce([](long acc, int v) { return acc + v; }, 0L, src);
    CHECK(sum.take_blocking() == 15);
  });
  CHECK(r.ok());
}

TEST_CASE("merge receives every value of every input, then closes", "[combinators]") {
  std::vector<int> got;
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    auto a = csp::to_chan(std::vector<int>{1, 2, 3});
    auto b = csp::to_chan(std::vector<int>{10, 20});
    got = *csp::into(csp::merge<int>({a, b})).take_blocking();
  });
  CHECK(r.ok());
  std::sort(got.begin(), got.end());
  CHECK(got == std::vector<int>{1, 2, 3, 10, 20});
}

TEST_CASE("split routes by a predicate", "[combinators]") {
  csp::RunResult r = csp::run(deterministic(2), [&] {
    auto [even, odd] =
        csp::split([](int v) { return v % 2 == 0; }, csp::to_chan(std::vector<int>{1, 2, 3, 4, 5}),
                   csp::fixed(5), csp::fixed(5));
    auto evens = csp::into(even);
    auto odds = csp::into(odd);
    CHECK(evens.take_blocking() == std::vector<int>{2, 4});
    CHECK(odds.take_blocking() == std::vector<int>{1, 3, 5});
  });
  CHECK(r.ok());
}

TEST_CASE("pipeline keeps the input order with several workers", "[combinators]") {
  for (csp::Options opt : {csp::Options{}, deterministic(17)}) {
    std::vector<int> in(50);
    for (int i = 0; i < 50; ++i) in[static_cast<size_t>(i)] = i;
    std::vector<std::string> got;
    csp::RunResult r = csp::run(opt, [&] {
      auto out = csp::chan<std::string>("out");
      csp::pipeline(
          4, out, [](int v) { return std::to_string(v * v); }, csp::to_chan(in));
      got = *csp::into(out).take_blocking();
    });
    CHECK(r.ok());
    REQUIRE(got.size() == 50);
    for (int i = 0; i < 50; ++i) CHECK(got[static_cast<size_t>(i)] == std::to_string(i * i));
  }
}

TEST_CASE("mult copies every value to every tap", "[combinators]") {
  csp::RunResult r = csp::run(deterministic(4), [&] {
    auto src = csp::chan<int>("src");
    auto m = csp::mult(src);
    auto t1 = csp::chan<int>("t1", csp::fixed(8));
    auto t2 = csp::chan<int>("t2", csp::fixed(8));
    m.tap(t1);
    m.tap(t2);
    auto a = csp::into(t1);
    auto b = csp::into(t2);
    for (int i = 0; i < 3; ++i) src.put_blocking(i);
    src.close();
    CHECK(a.take_blocking() == std::vector<int>{0, 1, 2});
    CHECK(b.take_blocking() == std::vector<int>{0, 1, 2});
  });
  CHECK(r.ok());
}

TEST_CASE("pub/sub routes values to the subscribers of their topic", "[combinators]") {
  csp::RunResult r = csp::run(deterministic(5), [&] {
    auto src = csp::chan<std::string>("news");
    auto p = csp::pub(src, [](const std::string& s) { return s.substr(0, s.find(':')); });
    auto sports = csp::chan<std::string>("sports", csp::fixed(8));
    auto weather = csp::chan<std::string>("weather", csp::fixed(8));
    p.sub("sports", sports);
    p.sub("weather", weather);
    auto s = csp::into(sports);
    auto w = csp::into(weather);
    for (std::string item : {"sports:goal", "weather:rain", "politics:vote", "sports:final"})
      src.put_blocking(item);
    src.close();
    CHECK(s.take_blocking() == std::vector<std::string>{"sports:goal", "sports:final"});
    CHECK(w.take_blocking() == std::vector<std::string>{"weather:rain"});
  });
  CHECK(r.ok());
}
