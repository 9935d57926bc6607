// core.async's tests of channels with a transducer and of transduce, translated to csp::
// (async_test.clj: expanding-transducer-delivers-to-multiple-pending,
// expanding-transducer-puts-can-ignore-buffer-fullness, test-transduce; tests.cljs:
// test-transducers, test-transduce). `(chan n xform)` is csp::chan<In>(name, csp::fixed(n),
// xform): a Chan<T> when the transducer keeps the type, else a TransformChan<In, Out>.
#include "conformance.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using conformance::on_every_scheduler;
using conformance::range;
using conformance::Scheduler;

namespace {

// async_test.clj's (xerox n): each input passed on n times; stops when the next step is
// reduced. Written against the transducer protocol of csp/transducers.hpp.
struct Xerox {
  int n;
  template <class In>
  using output = In;
  template <class In, class Next>
  struct Step {
    int n;
    Next next;
    bool put(In&& v) {
      for (int i = 0; i < n; ++i) {
        In copy = v;
        if (!next.put(std::move(copy))) return false;
      }
      return true;
    }
    void complete() { next.complete(); }
  };
  template <class In, class Next>
  Step<In, Next> bind(Next next) const {
    return {n, std::move(next)};
  }
};

// What `takers` take! callbacks on a (chan buffer-size (xerox multiplier)) fed `in` values by
// onto-chan! receive: the values, and how many callbacks ran.
struct ExpandingResult {
  std::mutex mu;
  std::vector<int> res;
  int counter = 0;
};

void check_expanding_transducer(int buffer_size, int in, int multiplier, int takers) {
  auto c = csp::chan<int>("c", csp::fixed(static_cast<size_t>(buffer_size)), Xerox{multiplier});
  auto out = std::make_shared<ExpandingResult>();
  for (int x = 0; x < takers; ++x)
    csp::take_async(c, [out](std::optional<int> v) {
      std::lock_guard lk(out->mu);
      if (v) out->res.push_back(*v);
      ++out->counter;
    });
  csp::onto_chan(c, range(in));
  for (;;) {  // wait for all takers to report
    {
      std::lock_guard lk(out->mu);
      if (out->counter >= takers) break;
    }
    conformance::sleep_blocking(50ms);
  }
  std::vector<int> expected;  // (apply interleave (repeat multiplier input))
  for (int v = 0; v < in; ++v)
    for (int i = 0; i < multiplier; ++i) expected.push_back(v);
  expected.resize(std::min(expected.size(), static_cast<size_t>(takers)));
  std::lock_guard lk(out->mu);
  std::vector<int> got = out->res;
  std::sort(got.begin(), got.end());
  INFO("buffer " << buffer_size << ", takers " << takers);
  CHECK(got == expected);
}

// (<! (async/into [] ch)) for any channel with a take (a Chan or a TransformChan).
template <class C>
auto collect(const C& ch) {
  using T = typename C::value_type;
  return csp::go("go", [=]() -> csp::Proc<std::vector<T>> {
    std::vector<T> all;
    while (std::optional<T> v = co_await ch.take()) all.push_back(std::move(*v));
    co_return all;
  });
}

// tests.cljs's integer-chan: 0..n-1 at 10 ms intervals into a (chan 1 xform), then closed.
template <class Xf>
auto integer_chan(int n, const Xf& xform) {
  auto c = csp::chan<int>("integers", csp::fixed(1), xform);
  csp::go("integer-chan", [=]() -> csp::Proc<void> {
    for (int i = 0; i < n; ++i) {
      co_await csp::timeout(10ms).take();
      co_await c.put(i);
    }
    c.close();
  });
  return c;
}

}  // namespace

TEST_CASE("core.async async_test.clj: expanding-transducer-delivers-to-multiple-pending",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    for (int b = 1; b < 10; ++b)
      for (int t = 1; t < 10; ++t) check_expanding_transducer(b, 3, 3, t);
  });
}

TEST_CASE("core.async async_test.clj: expanding-transducer-puts-can-ignore-buffer-fullness",
          "[conformance][core.async]") {
  const auto identity = [](std::vector<int> v) { return v; };
  // non-blocking puts behave as expected
  on_every_scheduler([&](const Scheduler&) {
    auto c = csp::chan<std::vector<int>>("c", csp::fixed(1), csp::mapcat(identity));
    CHECK(c.put_blocking({1, 2, 3}));
    CHECK(c.take_blocking() == 1);
    CHECK_FALSE(c.offer({4, 5, 6}));  // nil: the buffer is still full
    CHECK(c.take_blocking() == 2);
    CHECK(c.take_blocking() == 3);
    CHECK(c.offer({4, 5, 6}));
  });
  // blocking puts can execute during takes even when the buffer is full
  on_every_scheduler([&](const Scheduler&) {
    auto c = csp::chan<std::vector<int>>("c", csp::fixed(1), csp::mapcat(identity));
    CHECK(c.put_blocking({1, 2, 3}));
    CHECK(c.take_blocking() == 1);
    CHECK_FALSE(c.offer({4, 5, 6}));
    auto counter = std::make_shared<std::atomic<int>>(0);
    auto blocking_put = csp::thread("future", [=] {
      const bool r = c.put_blocking({4, 5, 6});
      ++*counter;
      return r;
    });
    CHECK(*counter == 0);
    CHECK(c.take_blocking() == 2);
    // don't allow puts, buffer still full: (deref blocking-put 10 false)
    auto r = csp::alts_blocking(csp::take(blocking_put), csp::take(csp::timeout(10ms)));
    CHECK(r.index == 1);
    CHECK(*counter == 0);
    CHECK_FALSE(c.offer({7, 8, 9}));
    // Not in the original (its future stays blocked): the take of 3 lets the put in.
    CHECK(c.take_blocking() == 3);
    CHECK(blocking_put.take_blocking() == true);
    CHECK(*counter == 1);
    for (int v : {4, 5, 6}) CHECK(c.take_blocking() == v);
  });
}

TEST_CASE("core.async async_test.clj: test-transduce", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    const auto conj = [](std::vector<int> acc, int v) {
      acc.push_back(v);
      return acc;
    };
    auto r = csp::transduce(csp::map([](int x) { return x + 1; }), conj, std::vector<int>{},
                            csp::to_chan(range(5)));
    CHECK(r.take_blocking() == std::vector<int>{1, 2, 3, 4, 5});
  });
}

// The original asserts nothing (its `=` is discarded); the translation checks the value.
TEST_CASE("core.async tests.cljs: test-transduce", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto r = csp::go("go", []() -> csp::Proc<std::vector<int>> {
      const auto conj = [](std::vector<int> acc, int v) {
        acc.push_back(v);
        return acc;
      };
      auto all = csp::transduce(csp::map([](int x) { return x + 1; }), conj, std::vector<int>{},
                                csp::to_chan(range(5)));
      co_return (co_await all.take()).value_or(std::vector<int>{});
    });
    CHECK(r.take_blocking() == std::vector<int>{1, 2, 3, 4, 5});
  });
}

TEST_CASE("core.async tests.cljs: test-transducers - mapping transducer",
          "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto strs = collect(integer_chan(10, csp::map([](int i) { return std::to_string(i); })));
    std::vector<std::string> expected;
    for (int i = 0; i < 10; ++i) expected.push_back(std::to_string(i));
    CHECK(strs.take_blocking() == expected);
  });
}

TEST_CASE("core.async tests.cljs: test-transducers - filtering transducer",
          "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto evens = collect(integer_chan(10, csp::filter([](int i) { return i % 2 == 0; })));
    CHECK(evens.take_blocking() == std::vector<int>{0, 2, 4, 6, 8});
  });
}

TEST_CASE("core.async tests.cljs: test-transducers - flatpmapping transducer",
          "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    const auto pair_of = [](int x) { return std::vector<int>{x, x}; };
    auto pairs = collect(integer_chan(10, csp::mapcat(pair_of)));
    std::vector<int> expected;
    for (int i = 0; i < 10; ++i) expected.insert(expected.end(), {i, i});
    CHECK(pairs.take_blocking() == expected);
  });
}

TEST_CASE("core.async tests.cljs: test-transducers - partitioning transducer",
          "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    using Groups = std::vector<std::vector<int>>;
    auto eight = collect(integer_chan(8, csp::partition_all(5)));
    auto ten = collect(integer_chan(10, csp::partition_all(5)));
    CHECK(eight.take_blocking() == Groups{{0, 1, 2, 3, 4}, {5, 6, 7}});
    CHECK(ten.take_blocking() == Groups{{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}});
  });
}
