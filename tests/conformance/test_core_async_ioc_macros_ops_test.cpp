// core.async src/test/clojure/clojure/core/async/ioc_macros_test.clj, translated: the tests of
// channel operations inside the go macro's state machine (async-test, offer-poll, enqueued
// channel operations, alts, closing on exceptions, nesting, and the ASYNC tickets). The
// control-flow tests of the same file are in test_core_async_ioc_macros_test.cpp.
#include "ioc_macros_support.hpp"

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

using conformance::on_every_scheduler;
using conformance::Scheduler;
using namespace ioc;

namespace {
// identity-chan of ioc_macros_test.clj: (to-chan! [x])
template <class T>
csp::Chan<T> identity_chan(T x) {
  return csp::to_chan(std::vector<T>{std::move(x)});
}
}  // namespace

TEST_CASE("core.async ioc_macros_test.clj: async-test", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    // values are returned correctly
    auto c10 = identity_chan(10);
    CHECK(csp::go("go", [=]() -> csp::Proc<int> {
            co_return (co_await c10.take()).value_or(-1);
          }).take_blocking() == 10);
    // writes work
    auto c11 = identity_chan(11);
    CHECK(csp::go("go", [=]() -> csp::Proc<int> {
            auto c = csp::chan<int>("c", csp::fixed(1));
            std::optional<int> v = co_await c11.take();
            co_await c.put(*v);
            co_return (co_await c.take()).value_or(-1);
          }).take_blocking() == 11);
    // case with go
    CHECK(csp::go("go", []() -> csp::Proc<std::string> {
            const std::string name = "1";  // (name :1)
            co_return name == "0" ? ":0" : name == "1" ? ":1" : ":3";
          }).take_blocking() == std::string(":1"));
    // nil result of go: the channel closes without a value
    CHECK_FALSE(csp::go("go", []() -> csp::Proc<void> { co_return; }).take_blocking());
    // take inside binding of loop
    auto c42 = identity_chan(42);
    CHECK(csp::go("go", [=]() -> csp::Proc<int> {
            int x = (co_await c42.take()).value_or(-1);
            co_return x;
          }).take_blocking() == 42);
    // can get from a catch (C++: the take follows the handler)
    auto c = identity_chan(42);
    CHECK(csp::go("go", [=]() -> csp::Proc<int> {
            bool caught = false;
            try {
              assert_false();
            } catch (const Throwable&) {
              caught = true;
            }
            co_return caught ? (co_await c.take()).value_or(-1) : -2;
          }).take_blocking() == 42);
  });
}

TEST_CASE("core.async ioc_macros_test.clj: offer-poll", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto c = csp::chan<int>("c", csp::fixed(2));
    auto r = csp::go("go", [=]() -> csp::Proc<std::vector<std::optional<int>>> {
      std::vector<std::optional<int>> out;
      out.push_back(c.offer(5) ? 1 : 0);
      out.push_back(c.offer(6) ? 1 : 0);
      out.push_back(c.poll());
      out.push_back(c.poll());
      out.push_back(c.poll());
      co_return out;
    });
    // [true true 5 6 nil]
    CHECK(r.take_blocking() == std::vector<std::optional<int>>{1, 1, 5, 6, std::nullopt});
  });
}

TEST_CASE("core.async ioc_macros_test.clj: enqueued-chan-ops", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    {  // enqueued channel puts re-enter async properly
      auto c = csp::chan<std::string>("c");
      auto result_chan = csp::go("go", [=]() -> csp::Proc<int> {
        co_await c.put(":foo");
        co_return 42;
      });
      CHECK(c.take_blocking() == std::string(":foo"));
      CHECK(result_chan.take_blocking() == 42);
    }
    {  // enqueued channel takes re-enter async properly
      auto c = csp::chan<std::string>("c");
      auto async_chan = csp::go(
          "go", [=]() -> csp::Proc<std::string> { co_return (co_await c.take()).value_or("nil"); });
      c.put_blocking(":foo");
      CHECK(async_chan.take_blocking() == std::string(":foo"));
    }
    {  // puts into channels with full buffers re-enter async properly
      auto c = csp::chan<std::string>("c", csp::fixed(1));
      auto async_chan = csp::go("go", [=]() -> csp::Proc<std::string> {
        for (const char* v : {":foo", ":bar", ":baz", ":boz"}) co_await c.put(v);
        co_return (co_await c.take()).value_or("nil");
      });
      std::set<std::string> got;
      for (int i = 0; i < 3; ++i) got.insert(c.take_blocking().value_or("nil"));
      got.insert(async_chan.take_blocking().value_or("nil"));
      CHECK(got == std::set<std::string>{":foo", ":bar", ":baz", ":boz"});
    }
  });
}

TEST_CASE("core.async ioc_macros_test.clj: alt-tests", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    {  // alts works at all: [42 c]
      auto c = identity_chan(42);
      auto r = csp::go("go", [=]() -> csp::Proc<std::pair<int, int>> {
        auto a = co_await csp::alts(csp::take(c));
        co_return std::pair<int, int>{a.index == 0 ? a.get<0>().value_or(-1) : -1, a.index};
      });
      CHECK(r.take_blocking() == std::pair<int, int>{42, 0});
    }
    {  // alt works: [42 :foo]
      auto c = identity_chan(42);
      auto r = csp::go("go", [=]() -> csp::Proc<std::string> {
        auto a = co_await csp::alts(csp::take(c));
        co_return a.index == 0 ? std::to_string(a.get<0>().value_or(-1)) + " :foo" : "";
      });
      CHECK(r.take_blocking() == std::string("42 :foo"));
    }
    {  // alts can use default: [42 :default]
      auto r = csp::go("go", []() -> csp::Proc<int> {
        auto empty = csp::chan<int>("empty", csp::fixed(1));
        auto a = co_await csp::alts(csp::take(empty), csp::otherwise);
        co_return a.index;
      });
      CHECK(r.take_blocking() == -1);
    }
    {  // alt can use default: 42
      auto r = csp::go("go", []() -> csp::Proc<int> {
        auto c = csp::chan<int>("c");
        auto a = co_await csp::alts(csp::take(c), csp::otherwise);
        co_return a.index == -1 ? 42 : -1;  // ([v] :failed)
      });
      CHECK(r.take_blocking() == 42);
    }
    {  // alt random checks all chans: the labels seen are a subset of #{:one :two :three}
      auto r = csp::go("go", []() -> csp::Proc<std::set<std::string>> {
        std::set<std::string> acc;
        for (int cnt = 0; cnt < 20; ++cnt) {
          auto one = identity_chan(std::string(":one"));
          auto two = identity_chan(std::string(":two"));
          auto three = identity_chan(std::string(":three"));
          auto a = co_await csp::alts(csp::take(one), csp::take(two), csp::take(three));
          std::optional<std::string> v = a.index == 0   ? a.get<0>()
                                         : a.index == 1 ? a.get<1>()
                                                        : a.get<2>();
          acc.insert(v.value_or("nil"));
        }
        co_return acc;
      });
      const std::set<std::string> seen = r.take_blocking().value_or(std::set<std::string>{"none"});
      const std::set<std::string> all{":one", ":two", ":three"};
      CHECK(std::includes(all.begin(), all.end(), seen.begin(), seen.end()));
    }
  });
}

// The channels close as in core.async; the escaped exceptions are reported in the run's result
// (docs/runtime.md), so the run ends with status Error.
TEST_CASE("core.async ioc_macros_test.clj: close-on-exception-tests", "[conformance][core.async]") {
  on_every_scheduler(
      [](const Scheduler&) {
        CHECK_FALSE(csp::thread("thread", []() -> int { assert_false(); }).take_blocking());
        auto c1 = identity_chan(42);
        CHECK_FALSE(csp::thread("thread", [=]() -> int {
                      csp::alts_blocking(csp::take(c1));
                      assert_false();
                    }).take_blocking());
        CHECK_FALSE(csp::go("go", []() -> csp::Proc<int> {
                      assert_false();
                      co_return 0;
                    }).take_blocking());
        auto c2 = identity_chan(42);
        CHECK_FALSE(csp::go("go", [=]() -> csp::Proc<int> {
                      co_await csp::alts(csp::take(c2));
                      assert_false();
                      co_return 0;
                    }).take_blocking());
      },
      [](const Scheduler&, const csp::RunResult& r) {
        CHECK(r.status == csp::RunStatus::Error);
        CHECK(r.errors.size() == 4);
      });
}

TEST_CASE("core.async ioc_macros_test.clj: go-nests", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto outer = csp::go("outer", []() -> csp::Proc<csp::Chan<std::pair<int, int>>> {
      const int a = 23;
      co_return csp::go("inner", [a]() -> csp::Proc<std::pair<int, int>> {
        const int b = 42;
        co_return std::pair<int, int>{a, b};
      });
    });
    std::optional<csp::Chan<std::pair<int, int>>> inner = outer.take_blocking();
    REQUIRE(inner);
    CHECK(inner->take_blocking() == std::pair<int, int>{23, 42});
  });
}

TEST_CASE("core.async ioc_macros_test.clj: ASYNC-186", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto empty = csp::go("go", []() -> csp::Proc<void> { co_return; });  // (go)
    CHECK(empty.valid());
    empty.take_blocking();
  });
}

TEST_CASE("core.async ioc_macros_test.clj: ASYNC-198", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto o = runner([]() -> csp::Proc<std::string> {
      std::string type;
      try {
        std::vector<std::string> r;
        try {
          const std::string value = co_await pause(std::string(":any"));
          throw ExceptionInfo("Exception", ":inner");
        } catch (const Throwable&) {
          r = {":outer-ok"};
        }
        throw ExceptionInfo("Throwing outer exception", ":outer");
      } catch (const ExceptionInfo& ex) {
        type = ex.type;
      } catch (const UnsupportedOperationException&) {
        co_return ":unsupported";
      }
      co_return type == ":outer" ? ":ok" : type;
    });
    REQUIRE_FALSE(o.error);
    CHECK(o.value == std::string(":ok"));  // and (:type (ex-data ex)) was :outer
  });
}

TEST_CASE("core.async ioc_macros_test.clj: ASYNC-212", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    CHECK(csp::go("go", []() -> csp::Proc<int> {
            csp::Chan<int> a;  // nil
            csp::Chan<int> foo = a;
            if (foo) co_return (co_await foo.take()).value_or(-1);
            co_return 42;
          }).take_blocking() == 42);
  });
}
