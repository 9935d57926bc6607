// put_async / take_async: queued in call order, traced as the parked processes "put!" and
// "take!" (a trace the reader accepts), on both schedulers.
#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <vector>

using csptrace::EventKind;
using rt_test::deterministic;

TEST_CASE("put_async: pending puts keep their call order, the trace is valid", "[async_ops]") {
  for (csp::Options opt : {deterministic(1), deterministic(9), csp::Options{}}) {
    std::vector<int> got;
    int confirmed = 0;
    rt_test::TracedRun t = rt_test::run_traced(
        opt,
        [&] {
          auto c = csp::chan<int>("c");
          auto acks = csp::chan<int>("acks", csp::fixed(100));
          for (int i = 0; i < 100; ++i)
            csp::put_async(c, i, [acks, i](bool ok) { (void)acks.offer(ok ? i : -1); });
          for (int i = 0; i < 100; ++i) got.push_back(c.take_blocking().value_or(-1));
          for (int i = 0; i < 100; ++i) confirmed += acks.take_blocking().value_or(-1000) >= 0;
          auto late = csp::chan<int>("late");
          late.close();
          CHECK_FALSE(csp::put_async(late, 1));  // closed: refused at once
        },
        "put_async");
    CHECK(t.result.ok());
    std::vector<int> expected;
    for (int i = 0; i < 100; ++i) expected.push_back(i);
    CHECK(got == expected);
    CHECK(confirmed == 100);
    CHECK(rt_test::count_of(t.model, EventKind::Park) >= 100);
    std::remove(t.path.c_str());
  }
}

TEST_CASE("take_async: pending takes are served in call order, closed ones get nothing",
          "[async_ops]") {
  for (csp::Options opt : {deterministic(3), csp::Options{}}) {
    std::vector<int> got;
    rt_test::TracedRun t = rt_test::run_traced(
        opt,
        [&] {
          auto c = csp::chan<int>("c");
          auto out = csp::chan<int>("out", csp::fixed(10));
          for (int i = 0; i < 10; ++i)
            csp::take_async(c, [out](std::optional<int> v) { (void)out.offer(v.value_or(-1)); });
          for (int i = 0; i < 5; ++i) c.put_blocking(i);
          c.close();
          for (int i = 0; i < 10; ++i) got.push_back(out.take_blocking().value_or(-2));
        },
        "take_async");
    CHECK(t.result.ok());
    std::sort(got.begin(), got.end());
    CHECK(got == std::vector<int>{-1, -1, -1, -1, -1, 0, 1, 2, 3, 4});
    std::remove(t.path.c_str());
  }
}
