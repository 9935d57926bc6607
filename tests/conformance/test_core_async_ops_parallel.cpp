// core.async src/main/clojure/clojure/core/async.clj: the docstrings of mult and pub, and the
// ops-tests of src/test/clojure/clojure/core/async_test.clj that check them, translated to
// csp::. "Each item is distributed to all taps in parallel and synchronously, i.e. each tap must
// accept before the next item is distributed" (mult); "each item is distributed to all subs in
// parallel and synchronously" (pub, through one mult per topic).
#include "conformance.hpp"

#include <atomic>
#include <string>
#include <vector>

using conformance::on_every_scheduler;
using conformance::Scheduler;

TEST_CASE("core.async async.clj: mult docstring - each item goes to all taps in parallel",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto src = csp::chan<int>("src");
    auto m = csp::mult(src);
    auto t1 = csp::chan<int>("t-1");
    auto t2 = csp::chan<int>("t-2");
    auto t3 = csp::chan<int>("t-3");
    m.tap(t1);
    m.tap(t2);
    m.tap(t3);
    csp::onto_chan(src, std::vector<int>{1, 2});
    // Read by one thread in the reverse of the tap order: no tap's reader waits for another's.
    CHECK(t3.take_blocking() == 1);
    CHECK(t2.take_blocking() == 1);
    CHECK_FALSE(t3.poll());  // t-1 has not taken 1 yet: 2 is not distributed
    CHECK(t1.take_blocking() == 1);
    CHECK(t2.take_blocking() == 2);
    CHECK(t3.take_blocking() == 2);
    CHECK(t1.take_blocking() == 2);
    CHECK_FALSE(t1.take_blocking());  // the source closed: taps added with close = true close
    CHECK_FALSE(t2.take_blocking());
    CHECK_FALSE(t3.take_blocking());
  });
}

TEST_CASE("core.async async.clj: mult docstring - taps read concurrently get every item in order",
          "[conformance][core.async]") {
  constexpr int kTaps = 5, kItems = 200;
  on_every_scheduler([](const Scheduler&) {
    auto src = csp::chan<int>("src");
    auto m = csp::mult(src);
    std::vector<csp::Chan<bool>> ok;
    for (int t = 0; t < kTaps; ++t) {
      auto tap = csp::chan<int>("tap");
      m.tap(tap);
      ok.push_back(csp::go("reader", [tap]() -> csp::Proc<bool> {
        int expect = 0;
        while (std::optional<int> v = co_await tap.take())
          if (*v != expect++) co_return false;
        co_return expect == kItems;
      }));
    }
    std::vector<int> items;
    for (int i = 0; i < kItems; ++i) items.push_back(i);
    csp::onto_chan(src, items);
    for (const auto& r : ok) CHECK(r.take_blocking() == true);
  });
}

TEST_CASE("core.async async.clj: mult docstring - a closed tap leaves, the others go on",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto src = csp::chan<int>("src");
    auto m = csp::mult(src);
    auto t1 = csp::chan<int>("t-1");
    auto t2 = csp::chan<int>("t-2");
    m.tap(t1);
    m.tap(t2);
    csp::onto_chan(src, std::vector<int>{1, 2, 3});
    CHECK(t2.take_blocking() == 1);
    t2.close();
    CHECK(t1.take_blocking() == 1);
    CHECK(t1.take_blocking() == 2);
    CHECK(t1.take_blocking() == 3);
    CHECK_FALSE(t1.take_blocking());
  });
}

TEST_CASE("core.async async.clj: pub docstring - each item goes to all subs in parallel",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto src = csp::chan<int>("src");
    auto p = csp::pub(
        src, [](int v) { return v % 2 == 0 ? std::string(":even") : std::string(":odd"); });
    auto a = csp::chan<int>("a");
    auto b = csp::chan<int>("b");
    auto odd = csp::chan<int>("odd", csp::fixed(10));
    p.sub(":even", a);
    p.sub(":even", b);
    p.sub(":odd", odd);
    csp::onto_chan(src, std::vector<int>{2, 1, 4, 3});
    CHECK(b.take_blocking() == 2);  // b first: before, the pub waited for a's reader
    CHECK(a.take_blocking() == 2);
    CHECK(b.take_blocking() == 4);
    CHECK(a.take_blocking() == 4);
    CHECK_FALSE(a.take_blocking());
    CHECK_FALSE(b.take_blocking());
    CHECK(csp::into(odd).take_blocking() == std::vector<int>{1, 3});
  });
}

TEST_CASE("core.async async.clj: pub - unsub-all of a topic leaves its subs open",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto src = csp::chan<int>("src");
    auto p = csp::pub(src, [](int) { return 0; });
    auto a = csp::chan<int>("a", csp::fixed(4));
    p.sub(0, a);
    src.put_blocking(1);
    CHECK(a.take_blocking() == 1);
    p.unsub_all(0);
    src.put_blocking(2);  // no subscriber: dropped
    src.close();
    CHECK_FALSE(a.poll());
    CHECK_FALSE(a.closed());
  });
}
