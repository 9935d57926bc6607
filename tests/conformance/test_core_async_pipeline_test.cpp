// core.async src/test/clojure/clojure/core/pipeline_test.clj, translated to csp::.
//
// csp::pipeline and csp::pipeline_blocking take a function in place of the transducer
// ((mapping f) is f); csp::pipeline_async takes af(v, result channel) as core.async does. A
// `future` or `thread` is a csp::thread, Thread/sleep a timeout (virtual time when
// deterministic).
#include "conformance.hpp"

#include <stdexcept>
#include <vector>

using conformance::on_every_scheduler;
using conformance::range;
using conformance::Scheduler;

namespace {

enum class Kind { compute, blocking, async };

// pipeline-tester: inputs through (pipeline-fn n cout f cin) into (chan 1), collected by a
// go-loop until the output closes.
template <class F>
std::vector<long> pipeline_tester(Kind kind, std::size_t n, const std::vector<int>& inputs, F f) {
  auto cin = csp::to_chan(inputs);
  auto cout = csp::chan<long>("cout", csp::fixed(1));
  if constexpr (std::is_invocable_v<F&, int, csp::Chan<long>>) {
    csp::pipeline_async(n, cout, f, cin);
  } else if (kind == Kind::blocking) {
    csp::pipeline_blocking(n, cout, f, cin);
  } else {
    csp::pipeline(n, cout, f, cin);
  }
  auto collected = csp::go("go-loop", [=]() -> csp::Proc<std::vector<long>> {
    std::vector<long> acc;
    while (std::optional<long> val = co_await cout.take()) acc.push_back(*val);
    co_return acc;
  });
  return collected.take_blocking().value_or(std::vector<long>{-1});
}

template <class F>
std::vector<long> pipeline_tester(std::size_t n, const std::vector<int>& inputs, F f) {
  return pipeline_tester(Kind::compute, n, inputs, f);
}

long identity(int v) { return v; }

// (defn identity-async [v ch] (thread (>!! ch v) (close! ch)))
void identity_async(int v, csp::Chan<long> ch) {
  csp::thread("identity-async", [v, ch] {
    ch.put_blocking(v);
    ch.close();
  });
}

// (defn multiplier-async [v ch] (thread (dotimes [i v] (>!! ch i)) (close! ch)))
void multiplier_async(int v, csp::Chan<long> ch) {
  csp::thread("multiplier-async", [v, ch] {
    for (int i = 0; i < v; ++i) ch.put_blocking(i);
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

TEST_CASE("core.async pipeline_test.clj: test-sizes (pipeline-blocking)",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    const std::pair<std::size_t, int> cases[] = {{1, 0}, {1, 10}, {10, 10}, {20, 10}, {5, 1000}};
    for (auto [n, size] : cases) {
      INFO("n " << n << ", size " << size);
      const std::vector<int> r = range(size);
      CHECK(pipeline_tester(Kind::blocking, n, r, identity) ==
            std::vector<long>(r.begin(), r.end()));
    }
  });
}

TEST_CASE("core.async pipeline_test.clj: test-sizes (pipeline-async)",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    const std::pair<std::size_t, int> cases[] = {{1, 0}, {1, 10}, {10, 10}, {20, 10}, {5, 1000}};
    for (auto [n, size] : cases) {
      INFO("n " << n << ", size " << size);
      const std::vector<int> r = range(size);
      CHECK(pipeline_tester(Kind::async, n, r, identity_async) ==
            std::vector<long>(r.begin(), r.end()));
    }
  });
}

TEST_CASE("core.async pipeline_test.clj: test-close? (pipeline)", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    {
      auto cout = csp::chan<int>("cout", csp::fixed(1));
      csp::pipeline(
          5, cout, [](int v) { return v; }, csp::to_chan(std::vector<int>{1}), true);
      CHECK(cout.take_blocking() == 1);
      CHECK_FALSE(cout.take_blocking());
    }
    // close? false and close? nil are the same: csp::pipeline's close_to is a bool.
    for (bool close : {false, false}) {
      auto cout = csp::chan<int>("cout", csp::fixed(1));
      csp::pipeline(
          5, cout, [](int v) { return v; }, csp::to_chan(std::vector<int>{1}), close);
      CHECK(cout.take_blocking() == 1);
      cout.put_blocking(kMore);
      CHECK(cout.take_blocking() == kMore);
    }
  });
}

TEST_CASE("core.async pipeline_test.clj: test-close? (pipeline-blocking)",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    {
      auto cout = csp::chan<int>("cout", csp::fixed(1));
      csp::pipeline_blocking(
          5, cout, [](int v) { return v; }, csp::to_chan(std::vector<int>{1}), true);
      CHECK(cout.take_blocking() == 1);
      CHECK_FALSE(cout.take_blocking());
    }
    for (bool close : {false, false}) {  // false and nil
      auto cout = csp::chan<int>("cout", csp::fixed(1));
      csp::pipeline_blocking(
          5, cout, [](int v) { return v; }, csp::to_chan(std::vector<int>{1}), close);
      CHECK(cout.take_blocking() == 1);
      cout.put_blocking(kMore);
      CHECK(cout.take_blocking() == kMore);
    }
  });
}

// The handler runs in the worker: a go process for pipeline, where (>!! chex e) is an offer on
// the (chan 1) that is empty (a blocking put there is a csp::BlockingCallError).
TEST_CASE("core.async pipeline_test.clj: test-ex-handler", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    for (Kind kind : {Kind::compute, Kind::blocking}) {
      INFO((kind == Kind::compute ? "pipeline" : "pipeline-blocking"));
      auto cout = csp::chan<long>("cout", csp::fixed(1));
      auto chex = csp::chan<std::exception_ptr>("chex", csp::fixed(1));
      auto ex_mapping = [](int x) -> long {
        if (x == 3) throw ExInfo(x);
        return x;
      };
      csp::ExHandler<long> ex_handler = [chex](std::exception_ptr e) -> std::optional<long> {
        (void)chex.offer(e);
        return kErr;
      };
      auto in = csp::to_chan(std::vector<int>{1, 2, 3, 4});
      if (kind == Kind::compute)
        csp::pipeline(5, cout, ex_mapping, in, true, ex_handler);
      else
        csp::pipeline_blocking(5, cout, ex_mapping, in, true, ex_handler);
      CHECK(cout.take_blocking() == 1);
      CHECK(cout.take_blocking() == 2);
      CHECK(cout.take_blocking() == kErr);
      CHECK(cout.take_blocking() == 4);
      std::optional<std::exception_ptr> e = chex.take_blocking();
      REQUIRE(e);
      int data = 0;
      try {
        std::rethrow_exception(*e);
      } catch (const ExInfo& ex) {
        data = ex.data;
      }
      CHECK(data == 3);
    }
  });
}

TEST_CASE("core.async pipeline_test.clj: test-af-multiplier", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    CHECK(pipeline_tester(Kind::async, 2, {1, 2, 3, 4}, multiplier_async) ==
          std::vector<long>{0, 0, 1, 0, 1, 2, 0, 1, 2, 3});
  });
}

// times [2000 50 1000 100] ms, scaled down by 10 (the order is what is checked).
TEST_CASE("core.async pipeline_test.clj: test-blocking", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    const std::vector<int> times{200, 5, 100, 10};
    auto sleep_mapping = [](int ms) -> long {
      conformance::sleep_blocking(std::chrono::milliseconds(ms));
      return ms;
    };
    CHECK(pipeline_tester(Kind::blocking, 2, times, sleep_mapping) ==
          std::vector<long>(times.begin(), times.end()));
  });
}

TEST_CASE("core.async pipeline_test.clj: test-async", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    std::vector<long> expected;
    for (long i = 1; i <= 100; ++i) expected.push_back(i);
    CHECK(pipeline_tester(Kind::async, 1, range(100), [](int v, csp::Chan<long> ch) {
            csp::thread("future", [v, ch] {
              ch.put_blocking(v + 1);
              ch.close();
            });
          }) == expected);
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
