// core.async src/test/clojure/clojure/core/pipeline_test.clj, translated to csp::.
//
// Only `pipeline` exists in csp:: (a function in place of the transducer: (mapping f) is f).
// pipeline-blocking, pipeline-async and pipeline's ex-handler are listed as missing in
// README.md; the parts of test-sizes and test-close? that use them have no test here.
#include "conformance.hpp"

#include <vector>

using conformance::on_every_scheduler;
using conformance::Scheduler;

namespace {

std::vector<int> range(int n) {
  std::vector<int> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = i;
  return v;
}

// pipeline-tester: inputs through (pipeline n cout f cin) into (chan 1), collected by a go-loop
// until the output closes.
template <class F>
std::vector<long> pipeline_tester(std::size_t n, const std::vector<int>& inputs, F f) {
  auto cin = csp::to_chan(inputs);
  auto cout = csp::chan<long>("cout", csp::fixed(1));
  csp::pipeline(n, cout, f, cin);
  auto collected = csp::go("go-loop", [=]() -> csp::Proc<std::vector<long>> {
    std::vector<long> acc;
    while (std::optional<long> val = co_await cout.take()) acc.push_back(*val);
    co_return acc;
  });
  return collected.take_blocking().value_or(std::vector<long>{-1});
}

long identity(int v) { return v; }

constexpr int kMore = -7;  // :more

long slow_fib(int n) { return n < 2 ? n : slow_fib(n - 1) + slow_fib(n - 2); }

}  // namespace

TEST_CASE("core.async pipeline_test.clj: test-sizes (pipeline)", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    const std::pair<std::size_t, int> cases[] = {{1, 0}, {1, 10}, {10, 10}, {20, 10}, {5, 1000}};
    for (auto [n, size] : cases) {
      INFO("n " << n << ", size " << size);
      const std::vector<int> r = range(size);
      CHECK(pipeline_tester(n, r, identity) == std::vector<long>(r.begin(), r.end()));
    }
  });
}

TEST_CASE("core.async pipeline_test.clj: test-close? (pipeline)", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    {
      auto cout = csp::chan<int>("cout", csp::fixed(1));
      csp::pipeline(5, cout, [](int v) { return v; }, csp::to_chan(std::vector<int>{1}), true);
      CHECK(cout.take_blocking() == 1);
      CHECK_FALSE(cout.take_blocking());
    }
    // close? false and close? nil are the same: csp::pipeline's close_to is a bool.
    for (bool close : {false, false}) {
      auto cout = csp::chan<int>("cout", csp::fixed(1));
      csp::pipeline(5, cout, [](int v) { return v; }, csp::to_chan(std::vector<int>{1}), close);
      CHECK(cout.take_blocking() == 1);
      cout.put_blocking(kMore);
      CHECK(cout.take_blocking() == kMore);
    }
  });
}

TEST_CASE("core.async pipeline_test.clj: test-compute", "[conformance][core.async]") {
  std::vector<int> input;
  for (int i = 0; i < 50; ++i) input.push_back(15 + i % 23);  // (take 50 (cycle (range 15 38)))
  on_every_scheduler([&](const Scheduler&) {
    const std::vector<long> out = pipeline_tester(8, input, slow_fib);
    REQUIRE(!out.empty());
    CHECK(out.back() == slow_fib(input.back()));
  });
}
