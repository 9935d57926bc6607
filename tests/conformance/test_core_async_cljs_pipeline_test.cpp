// core.async src/test/cljs/cljs/core/async/pipeline_test.cljs, translated to csp::.
//
// As in the ClojureScript original, each test runs inside a go block (here a go process that
// reports its observations to main). The async functions start go processes, as the
// originals' go blocks.
#include "conformance.hpp"

#include <stdexcept>
#include <vector>

using conformance::on_every_scheduler;
using conformance::range;
using conformance::Scheduler;

namespace {

// pipeline-tester: returns the go-loop's channel, which gets every output value in order.
template <class F>
csp::Chan<std::vector<long>> pipeline_tester(std::size_t n, const std::vector<int>& inputs, F f) {
  auto cin = csp::to_chan(inputs);
  auto cout = csp::chan<long>("cout", csp::fixed(1));
  if constexpr (std::is_invocable_v<F&, int, csp::Chan<long>>)
    csp::pipeline_async(n, cout, f, cin);
  else
    csp::pipeline(n, cout, f, cin);
  return csp::go("go-loop", [=]() -> csp::Proc<std::vector<long>> {
    std::vector<long> acc;
    while (std::optional<long> val = co_await cout.take()) acc.push_back(*val);
    co_return acc;
  });
}

long identity(int v) { return v; }

// (defn identity-async [v ch] (go (>! ch v) (close! ch)))
void identity_async(int v, csp::Chan<long> ch) {
  csp::spawn("identity-async", [v, ch]() -> csp::Proc<void> {
    co_await ch.put(v);
    ch.close();
  });
}

// (defn multiplier-async [v ch] (go (dotimes [i v] (>! ch i)) (close! ch)))
void multiplier_async(int v, csp::Chan<long> ch) {
  csp::spawn("multiplier-async", [v, ch]() -> csp::Proc<void> {
    for (int i = 0; i < v; ++i) co_await ch.put(i);
    ch.close();
  });
}

// (defn incrementer-async [v ch] (go (>! ch (inc v)) (close! ch)))
void incrementer_async(int v, csp::Chan<long> ch) {
  csp::spawn("incrementer-async", [v, ch]() -> csp::Proc<void> {
    co_await ch.put(v + 1);
    ch.close();
  });
}

// (ex-info "err" {:data x})
struct ExInfo : std::runtime_error {
  int data;
  explicit ExInfo(int d) : std::runtime_error("err"), data(d) {}
};
constexpr long kErr = -9;  // :err

constexpr int kMore = -7;  // :more
long slow_fib(int n) { return n < 2 ? n : slow_fib(n - 1) + slow_fib(n - 2); }

}  // namespace

TEST_CASE("core.async pipeline_test.cljs: pipeline-test-sizes - pipeline compute test sizes",
          "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto r = csp::go("go", []() -> csp::Proc<std::vector<bool>> {
      std::vector<bool> equal;
      const std::pair<std::size_t, int> cases[] = {{1, 0}, {1, 10}, {10, 10}, {20, 10}, {5, 1000}};
      for (auto [n, size] : cases) {
        const std::vector<int> in = range(size);
        std::optional<std::vector<long>> out = co_await pipeline_tester(n, in, identity).take();
        equal.push_back(out == std::vector<long>(in.begin(), in.end()));
      }
      co_return equal;
    });
    CHECK(r.take_blocking() == std::vector<bool>(5, true));
  });
}

TEST_CASE("core.async pipeline_test.cljs: pipeline-test-sizes - pipeline async test sizes",
          "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto r = csp::go("go", []() -> csp::Proc<std::vector<bool>> {
      std::vector<bool> equal;
      const std::pair<std::size_t, int> cases[] = {{1, 0}, {1, 10}, {10, 10}, {20, 10}, {5, 1000}};
      for (auto [n, size] : cases) {
        const std::vector<int> in = range(size);
        std::optional<std::vector<long>> out =
            co_await pipeline_tester(n, in, identity_async).take();
        equal.push_back(out == std::vector<long>(in.begin(), in.end()));
      }
      co_return equal;
    });
    CHECK(r.take_blocking() == std::vector<bool>(5, true));
  });
}

// (put! chex e) is an offer: chex is a (chan 1) and gets one exception.
TEST_CASE("core.async pipeline_test.cljs: test-ex-handler", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto r = csp::go("go", []() -> csp::Proc<std::vector<long>> {
      auto cout = csp::chan<long>("cout", csp::fixed(1));
      auto chex = csp::chan<std::exception_ptr>("chex", csp::fixed(1));
      auto ex_mapping = [](int x) -> long {
        if (x == 3) throw ExInfo(x);
        return x;
      };
      csp::pipeline(5, cout, ex_mapping, csp::to_chan(std::vector<int>{1, 2, 3, 4}), true,
                    [chex](std::exception_ptr e) -> std::optional<long> {
                      (void)chex.offer(e);
                      return kErr;
                    });
      std::vector<long> seen;
      for (int i = 0; i < 4; ++i) seen.push_back((co_await cout.take()).value_or(0));
      std::optional<std::exception_ptr> e = co_await chex.take();
      long data = 0;
      try {
        if (e) std::rethrow_exception(*e);
      } catch (const ExInfo& ex) {
        data = ex.data;
      }
      seen.push_back(data);
      co_return seen;
    });
    CHECK(r.take_blocking() == std::vector<long>{1, 2, kErr, 4, 3});
  });
}

TEST_CASE("core.async pipeline_test.cljs: async-pipelines-af-multiplier",
          "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto r = csp::go("go", []() -> csp::Proc<std::vector<long>> {
      const std::vector<int> in{1, 2, 3, 4};  // named: GCC 12 and braced temporaries in co_await
      std::optional<std::vector<long>> out =
          co_await pipeline_tester(2, in, multiplier_async).take();
      co_return out.value_or(std::vector<long>{});
    });
    CHECK(r.take_blocking() == std::vector<long>{0, 0, 1, 0, 1, 2, 0, 1, 2, 3});
  });
}

TEST_CASE("core.async pipeline_test.cljs: pipelines-async", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto r = csp::go("go", []() -> csp::Proc<std::vector<long>> {
      const std::vector<int> in = range(100);
      std::optional<std::vector<long>> out =
          co_await pipeline_tester(1, in, incrementer_async).take();
      co_return out.value_or(std::vector<long>{});
    });
    std::vector<long> expected;
    for (long i = 1; i <= 100; ++i) expected.push_back(i);
    CHECK(r.take_blocking() == expected);
  });
}

TEST_CASE("core.async pipeline_test.cljs: test-close?", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto r = csp::go("go", []() -> csp::Proc<std::vector<std::optional<int>>> {
      std::vector<std::optional<int>> seen;
      {
        auto cout = csp::chan<int>("cout", csp::fixed(1));
        csp::pipeline(
            5, cout, [](int v) { return v; }, csp::to_chan(std::vector<int>{1}), true);
        seen.push_back(co_await cout.take());
        seen.push_back(co_await cout.take());
      }
      for (int i = 0; i < 2; ++i) {  // close? false, then nil (the same for a bool)
        auto cout = csp::chan<int>("cout", csp::fixed(1));
        csp::pipeline(
            5, cout, [](int v) { return v; }, csp::to_chan(std::vector<int>{1}), false);
        seen.push_back(co_await cout.take());
        co_await cout.put(kMore);
        seen.push_back(co_await cout.take());
      }
      co_return seen;
    });
    CHECK(r.take_blocking() ==
          std::vector<std::optional<int>>{1, std::nullopt, 1, kMore, 1, kMore});
  });
}

TEST_CASE("core.async pipeline_test.cljs: pipelines-compute", "[conformance][core.async][cljs]") {
  std::vector<int> input;
  for (int i = 0; i < 50; ++i) input.push_back(15 + i % 23);  // (take 50 (cycle (range 15 38)))
  on_every_scheduler([&](const Scheduler&) {
    auto r = csp::go("go", [input]() -> csp::Proc<long> {
      std::optional<std::vector<long>> out = co_await pipeline_tester(8, input, slow_fib).take();
      co_return out && !out->empty() ? out->back() : -1;
    });
    CHECK(r.take_blocking() == slow_fib(input.back()));
  });
}
