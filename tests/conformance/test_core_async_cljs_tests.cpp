// core.async src/test/cljs/cljs/core/async/tests.cljs (the ClojureScript suite), translated.
//
// The ClojureScript tests run their bodies inside go blocks, so these translations do the
// channel work in go processes (the parking paths), which hand their observations to main for
// the assertions. Tests that need put!/take! callbacks, transducers, mix, a/map, transduce or
// the deprecated channel ops are listed as missing in README.md, the JavaScript-only ones as not
// applicable.
#include "conformance.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <string>
#include <variant>
#include <vector>

using namespace std::chrono_literals;
using conformance::on_every_scheduler;
using conformance::range;
using conformance::Scheduler;

namespace {

// identity-chan of tests.cljs: a (chan 1) that a go block fills with x, then closes.
template <class T>
csp::Chan<T> identity_chan(T x) {
  auto c = csp::chan<T>("identity", csp::fixed(1));
  csp::go("identity", [c, x = std::move(x)]() mutable -> csp::Proc<void> {
    co_await c.put(std::move(x));
    c.close();
  });
  return c;
}

// (go (<! c)): the value taken, or a channel that only closes when the take yields nil.
template <class T>
csp::Chan<T> go_take(const csp::Chan<T>& c) {
  auto out = csp::chan<T>("go result", csp::fixed(1));
  csp::go("go", [=]() -> csp::Proc<void> {
    if (std::optional<T> v = co_await c.take()) co_await out.put(std::move(*v));
    out.close();
  });
  return out;
}

// (<! (async/into [] ch)) inside a go block.
template <class T>
csp::Chan<std::vector<T>> go_into(const csp::Chan<T>& ch) {
  return csp::go("go", [=]() -> csp::Proc<std::vector<T>> {
    csp::Chan<std::vector<T>> all = csp::into(ch);
    std::optional<std::vector<T>> v = co_await all.take();
    co_return v.value_or(std::vector<T>{});
  });
}

}  // namespace

TEST_CASE("core.async tests.cljs: test-identity-chan", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto r = csp::go("go", []() -> csp::Proc<int> {
      co_return (co_await identity_chan(42).take()).value_or(-1);
    });
    CHECK(r.take_blocking() == 42);
  });
}

// test-identity-chan-alts! and alt-tests ("alts! works at all") are the same program.
TEST_CASE("core.async tests.cljs: test-identity-chan-alts!, alt-tests",
          "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    for (int i = 0; i < 2; ++i) {
      auto c = identity_chan(42);
      auto r = csp::go("go", [=]() -> csp::Proc<std::pair<int, int>> {
        auto a = co_await csp::alts(csp::take(c));
        co_return std::pair<int, int>{a.index == 0 ? a.get<0>().value_or(-1) : -1, a.index};
      });
      CHECK(r.take_blocking() == std::pair<int, int>{42, 0});  // [42 c]
    }
  });
}

TEST_CASE("core.async tests.cljs: test-alt!-and-alts!", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto alt = csp::go("alt! works", []() -> csp::Proc<std::string> {
      auto c = identity_chan(42);
      auto a = co_await csp::alts(csp::take(c));
      co_return a.index == 0 ? std::to_string(a.get<0>().value_or(-1)) + " :foo" : "";
    });
    auto with_default = csp::go("alts! can use default", []() -> csp::Proc<int> {
      auto c = csp::chan<int>("c", csp::fixed(1));
      auto a = co_await csp::alts(csp::take(c), csp::otherwise);
      co_return a.index;
    });
    CHECK(alt.take_blocking() == std::string("42 :foo"));
    CHECK(with_default.take_blocking() == -1);  // [42 :default]
  });
}

namespace {
void check_one_cap_error(const csp::RunResult& r, const char* what) {
  CHECK(r.status == csp::RunStatus::Error);
  REQUIRE(r.errors.size() == 1);
  CHECK_THAT(
      r.errors[0].message,
      Catch::Contains(std::string("no more than 1024 pending ") + what) && Catch::Contains("'c'"));
}
}  // namespace

// put!/take! are go processes parked on their operation; the 1025th is a go process too, which
// fails with csp::ChannelError (reported in the run's result) where put! throws js/Error.
TEST_CASE("core.async tests.cljs: queue-limits - async put!s are limited",
          "[conformance][core.async][cljs]") {
  on_every_scheduler(
      [](const Scheduler&) {
        auto c = csp::chan<int>("c");
        csp::spawn("put!", [=]() -> csp::Proc<void> { co_await c.put(0); });
        conformance::sleep_blocking(1ms);  // 0 is the first pending put
        for (int x = 1; x < 1024; ++x)
          csp::spawn("put!", [=]() -> csp::Proc<void> { co_await c.put(x); });
        conformance::sleep_blocking(20ms);
        auto over = csp::go("put! 42", [=]() -> csp::Proc<bool> { co_return co_await c.put(42); });
        CHECK_FALSE(over.take_blocking());  // it failed: its channel closed without a value
        auto first = csp::go(
            "take!", [=]() -> csp::Proc<int> { co_return (co_await c.take()).value_or(-1); });
        CHECK(first.take_blocking() == 0);
      },
      [](const Scheduler&, const csp::RunResult& r) { check_one_cap_error(r, "puts"); });
}

TEST_CASE("core.async tests.cljs: queue-limits - async take!s are limited",
          "[conformance][core.async][cljs]") {
  on_every_scheduler(
      [](const Scheduler&) {
        auto c = csp::chan<int>("c");
        for (int x = 0; x < 1024; ++x)
          csp::spawn("take!", [=]() -> csp::Proc<void> { co_await c.take(); });
        conformance::sleep_blocking(20ms);
        auto over = csp::go(
            "take! 1025", [=]() -> csp::Proc<int> { co_return (co_await c.take()).value_or(-1); });
        CHECK_FALSE(over.take_blocking());
        auto put = csp::go("put!", [=]() -> csp::Proc<bool> { co_return co_await c.put(42); });
        CHECK(put.take_blocking() == true);
      },
      [](const Scheduler&, const csp::RunResult& r) { check_one_cap_error(r, "takes"); });
}

TEST_CASE("core.async tests.cljs: close-on-exception-tests", "[conformance][core.async][cljs]") {
  on_every_scheduler(
      [](const Scheduler&) {
        auto r = csp::go("go", []() -> csp::Proc<std::vector<int>> {
          std::vector<int> outcome;  // per alt!: 0 nil from the failed go, 1 the timeout
          auto failing = csp::go("go", []() -> csp::Proc<int> {
            throw std::runtime_error("This exception is expected");
            co_return 0;
          });
          auto a = co_await csp::alts(csp::take(failing), csp::take(csp::timeout(500ms)));
          outcome.push_back(a.index == 0 && !a.get<0>() ? 0 : 1);
          auto c = identity_chan(42);
          auto failing2 = csp::go("go", [=]() -> csp::Proc<int> {
            co_await csp::alts(csp::take(c));
            throw std::runtime_error("This exception is expected");
            co_return 0;
          });
          auto b = co_await csp::alts(csp::take(failing2), csp::take(csp::timeout(500ms)));
          outcome.push_back(b.index == 0 && !b.get<0>() ? 0 : 1);
          co_return outcome;
        });
        CHECK(r.take_blocking() == std::vector<int>{0, 0});
      },
      [](const Scheduler&, const csp::RunResult& r) {
        CHECK(r.status == csp::RunStatus::Error);  // the two exceptions, reported
        CHECK(r.errors.size() == 2);
      });
}

// Alts that took their default leave nothing pending: a later put!/take! is not over the cap.
TEST_CASE("core.async tests.cljs: cleanup", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    {  // alt handlers are removed from put!
      auto c = csp::chan<int>("c");
      auto r = csp::go("go", [=]() -> csp::Proc<int> {
        int defaults = 0;
        for (int x = 0; x < 1024; ++x)
          defaults += (co_await csp::alts(csp::put(c, x), csp::otherwise)).index == -1;
        co_return defaults;
      });
      CHECK(r.take_blocking() == 1024);
      auto put = csp::go("put!", [=]() -> csp::Proc<bool> { co_return co_await c.put(42); });
      CHECK(c.take_blocking() == 42);
      CHECK(put.take_blocking() == true);
    }
    {  // alt handlers are removed from take!
      auto c = csp::chan<int>("c");
      auto r = csp::go("go", [=]() -> csp::Proc<int> {
        int defaults = 0;
        for (int x = 0; x < 1024; ++x)
          defaults += (co_await csp::alts(csp::take(c), csp::otherwise)).index == -1;
        co_return defaults;
      });
      CHECK(r.take_blocking() == 1024);
      auto take =
          csp::go("take!", [=]() -> csp::Proc<int> { co_return (co_await c.take()).value_or(-1); });
      CHECK(c.put_blocking(7));
      CHECK(take.take_blocking() == 7);
    }
  });
}

TEST_CASE("core.async tests.cljs: test-pipe", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto r = csp::go("go", []() -> csp::Proc<std::vector<int>> {
      auto out = csp::chan<int>("out");
      csp::pipe(csp::to_chan(std::vector<int>{1, 2, 3, 4, 5}), out);
      co_return (co_await csp::into(out).take()).value_or(std::vector<int>{});
    });
    CHECK(r.take_blocking() == std::vector<int>{1, 2, 3, 4, 5});
  });
}

TEST_CASE("core.async tests.cljs: test-split", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto r = csp::go("go", []() -> csp::Proc<std::pair<std::vector<int>, std::vector<int>>> {
      auto [even, odd] = csp::split([](int v) { return v % 2 == 0; },
                                    csp::to_chan(std::vector<int>{1, 2, 3, 4, 5, 6}), csp::fixed(5),
                                    csp::fixed(5));
      auto evens = (co_await csp::into(even).take()).value_or(std::vector<int>{});
      auto odds = (co_await csp::into(odd).take()).value_or(std::vector<int>{});
      co_return std::pair{evens, odds};
    });
    auto got = r.take_blocking();
    REQUIRE(got);
    CHECK(got->first == std::vector<int>{2, 4, 6});
    CHECK(got->second == std::vector<int>{1, 3, 5});
  });
}

TEST_CASE("core.async tests.cljs: test-merge", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    std::vector<csp::Chan<int>> ins;
    for (int i = 0; i < 4; ++i) ins.push_back(csp::to_chan(range(4)));
    const std::vector<int> all =
        go_into(csp::merge(ins)).take_blocking().value_or(std::vector<int>{});
    std::map<int, int> frequencies;
    for (int v : all) ++frequencies[v];
    CHECK(frequencies == std::map<int, int>{{0, 4}, {1, 4}, {2, 4}, {3, 4}});
  });
}

TEST_CASE("core.async tests.cljs: test-mult", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto a = csp::chan<int>("a", csp::fixed(4));
    auto b = csp::chan<int>("b", csp::fixed(4));
    auto src = csp::chan<int>("src");
    auto m = csp::mult(src);
    m.tap(a);
    m.tap(b);
    csp::pipe(csp::to_chan(range(4)), src);
    CHECK(go_into(a).take_blocking() == range(4));
    CHECK(go_into(b).take_blocking() == range(4));
  });
}

TEST_CASE("core.async tests.cljs: test-mix", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto r = csp::go("go", []() -> csp::Proc<std::vector<int>> {
      auto out = csp::chan<int>("out");
      auto mx = csp::mix(out);
      auto take_out = csp::chan<int>("take-out");
      csp::go("take6", [out, take_out]() -> csp::Proc<void> {
        for (int x = 0; x < 6; ++x) {
          std::optional<int> v = co_await out.take();
          co_await take_out.put(v.value_or(-1));
        }
        take_out.close();
      });
      mx.admix(csp::to_chan(std::vector<int>{1, 2, 3}));
      mx.admix(csp::to_chan(std::vector<int>{4, 5, 6}));
      std::vector<int> all = (co_await csp::into(take_out).take()).value_or(std::vector<int>{});
      std::sort(all.begin(), all.end());
      co_return all;
    });
    CHECK(r.take_blocking() == std::vector<int>{1, 2, 3, 4, 5, 6});
  });
}

TEST_CASE("core.async tests.cljs: test-pub-sub", "[conformance][core.async][cljs]") {
  using V = std::variant<int, std::string>;
  on_every_scheduler([](const Scheduler&) {
    auto a_ints = csp::chan<V>("a-ints", csp::fixed(5));
    auto a_strs = csp::chan<V>("a-strs", csp::fixed(5));
    auto b_ints = csp::chan<V>("b-ints", csp::fixed(5));
    auto b_strs = csp::chan<V>("b-strs", csp::fixed(5));
    auto src = csp::chan<V>("src");
    auto p = csp::pub(src, [](const V& x) {
      return std::holds_alternative<std::string>(x) ? std::string(":string") : std::string(":int");
    });
    p.sub(":string", a_strs);
    p.sub(":string", b_strs);
    p.sub(":int", a_ints);
    p.sub(":int", b_ints);
    csp::pipe(csp::to_chan(std::vector<V>{1, "a", 2, "b", 3, "c"}), src);
    const std::vector<V> ints{1, 2, 3}, strs{"a", "b", "c"};
    CHECK(go_into(a_ints).take_blocking() == ints);
    CHECK(go_into(b_ints).take_blocking() == ints);
    CHECK(go_into(a_strs).take_blocking() == strs);
    CHECK(go_into(b_strs).take_blocking() == strs);
  });
}

TEST_CASE("core.async tests.cljs: test-reduce (reduced)", "[conformance][core.async][cljs]") {
  static constexpr int kFoo = -1;  // :foo
  on_every_scheduler([](const Scheduler&) {
    auto r = csp::go("go", [=]() -> csp::Proc<int> {
      auto f = [](int acc, int v) -> csp::ReduceStep<int> {
        if (v == 2) return csp::reduced(kFoo);
        return acc;
      };
      auto in = csp::to_chan(range(10));
      co_return (co_await csp::reduce(f, 0, in).take()).value_or(-2);
    });
    CHECK(r.take_blocking() == kFoo);
  });
}

TEST_CASE("core.async tests.cljs: test-map", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto r = csp::go("go", [=]() -> csp::Proc<std::vector<int>> {
      auto plus = [](std::vector<int> vs) {
        int sum = 0;
        for (int v : vs) sum += v;
        return sum;
      };
      std::vector<csp::Chan<int>> ins;
      for (int i = 0; i < 4; ++i) ins.push_back(csp::to_chan(range(4)));
      auto all = csp::into(csp::map(plus, ins));
      co_return (co_await all.take()).value_or(std::vector<int>{});
    });
    CHECK(r.take_blocking() == std::vector<int>{0, 4, 8, 12});
  });
}

TEST_CASE("core.async buffer_tests.cljs: unblocking-buffer-tests",
          "[conformance][core.async][cljs]") {
  CHECK_FALSE(csp::unblocking(csp::fixed(1)));
  CHECK(csp::unblocking(csp::dropping(1)));
  CHECK(csp::unblocking(csp::sliding(1)));
}

TEST_CASE("core.async tests.cljs: test-reduce", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto plus = [](int acc, int v) { return acc + v; };
    auto empty = csp::go("go", [=]() -> csp::Proc<int> {
      co_return (co_await csp::reduce(plus, 0, csp::to_chan(std::vector<int>{})).take())
          .value_or(-1);
    });
    auto ten = csp::go("go", [=]() -> csp::Proc<int> {
      co_return (co_await csp::reduce(plus, 0, csp::to_chan(range(10))).take()).value_or(-1);
    });
    CHECK(empty.take_blocking() == 0);
    CHECK(ten.take_blocking() == 45);
  });
}

// put! with a callback: a go process's parking put, counted when it completes.
TEST_CASE("core.async tests.cljs: dispatch-bugs - puts are moved to buffers",
          "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto c = csp::chan<int>("c", csp::fixed(1));
    auto a = std::make_shared<std::atomic<int>>(0);
    for (int i = 0; i < 2; ++i)  // one goes into the buffer, the other into the puts
      csp::spawn("put!", [=]() -> csp::Proc<void> {
        co_await c.put(42);
        ++*a;
      });
    conformance::sleep_blocking(1ms);
    auto r = csp::go("take!", [=]() -> csp::Proc<int> {
      co_await c.take();  // releases the waiting put into the buffer
      co_await csp::timeout(500ms).take();
      co_return a->load();
    });
    CHECK(r.take_blocking() == 2);
  });
}

TEST_CASE("core.async tests.cljs: test-transducers - base case without transducer",
          "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    // integer-chan: 0..n-1 at 10 ms intervals into a (chan 1)
    auto c = csp::chan<int>("integers", csp::fixed(1));
    csp::go("integer-chan", [=]() -> csp::Proc<void> {
      for (int i = 0; i < 10; ++i) {
        co_await csp::timeout(10ms).take();
        co_await c.put(i);
      }
      c.close();
    });
    CHECK(go_into(c).take_blocking() == range(10));
  });
}

// Two parked alts, one taking and one putting on the same unbuffered channel, meet.
TEST_CASE("core.async tests.cljs: test-bufferless", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto c = csp::chan<std::string>("c");
    auto taker = csp::go("go", [=]() -> csp::Proc<std::string> {
      auto r = co_await csp::alts(csp::take(c), csp::take(csp::timeout(6000ms)), csp::priority);
      co_return r.index == 0 ? r.get<0>().value_or("nil") : "timeout";
    });
    auto putter = csp::go("go", [=]() -> csp::Proc<std::string> {
      auto r =
          co_await csp::alts(csp::put(c, ":value"), csp::take(csp::timeout(6000ms)), csp::priority);
      co_return r.index == 0 ? (r.get<0>() ? "true" : "false") : "timeout";
    });
    CHECK(taker.take_blocking() == std::string(":value"));  // [:value c]
    CHECK(putter.take_blocking() == std::string("true"));   // [true c]
  });
}

TEST_CASE("core.async tests.cljs: test-promise-chan", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    {  // put on promise-chan fulfills all pending takers
      auto c = csp::promise_chan<std::string>("c");
      auto t1 = go_take(c);
      auto t2 = go_take(c);
      auto r = csp::go("go", [=]() -> csp::Proc<std::vector<std::string>> {
        std::vector<std::string> seen;
        auto take = [](const csp::Chan<std::string>& ch) -> csp::Proc<std::string> {
          co_return (co_await ch.take()).value_or("nil");
        };
        co_await c.put(":val");
        seen.push_back(co_await take(t1));
        seen.push_back(co_await take(t2));
        csp::spawn("go", [=]() -> csp::Proc<void> { co_await c.put(":LOST"); });
        seen.push_back(co_await take(c));  // then puts succeed but are dropped
        for (int i = 0; i < 3; ++i) seen.push_back(co_await take(c));
        c.close();  // then after close takes continue returning val
        seen.push_back(co_await take(c));
        seen.push_back(co_await take(c));
        co_return seen;
      });
      CHECK(r.take_blocking() == std::vector<std::string>(8, ":val"));
    }
    {  // close on promise-chan fulfills all pending takers
      auto r = csp::go("go", []() -> csp::Proc<int> {
        auto c = csp::promise_chan<std::string>("c");
        auto t1 = go_take(c);
        auto t2 = go_take(c);
        c.close();
        int nils = 0;
        const std::vector<csp::Chan<std::string>> takes{t1, t2, t1, t1, t2, t2};
        for (const auto& t : takes) nils += (co_await t.take()) ? 0 : 1;
        co_return nils;
      });
      CHECK(r.take_blocking() == 6);
    }
    {  // close after put on promise-chan continues delivering promised value
      auto r = csp::go("go", []() -> csp::Proc<std::vector<std::string>> {
        auto c = csp::promise_chan<std::string>("c");
        co_await c.put(":val");
        std::vector<std::string> seen;
        for (int i = 0; i < 2; ++i) seen.push_back((co_await c.take()).value_or("nil"));
        c.close();
        for (int i = 0; i < 2; ++i) seen.push_back((co_await c.take()).value_or("nil"));
        co_return seen;
      });
      CHECK(r.take_blocking() == std::vector<std::string>(4, ":val"));
    }
  });
}

TEST_CASE("core.async tests.cljs: test-offer-poll-go", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    {
      auto c = csp::chan<int>("c", csp::fixed(2));
      const bool o1 = c.offer(5), o2 = c.offer(6);
      const std::optional<int> p1 = c.poll(), p2 = c.poll(), p3 = c.poll();
      CHECK((o1 && o2 && p1 == 5 && p2 == 6 && !p3));  // [true true 5 6 nil]
    }
    {
      auto c = csp::chan<int>("c", csp::fixed(2));
      CHECK(c.offer(1));
      CHECK(c.offer(2));
      CHECK_FALSE(c.offer(3));
      CHECK(c.poll() == 1);
      CHECK(c.poll() == 2);
      CHECK_FALSE(c.poll());
    }
    auto u = csp::chan<int>("u");
    CHECK_FALSE(u.offer(1));
    CHECK_FALSE(u.poll());
  });
}

TEST_CASE("core.async tests.cljs: test-write-on-closed", "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    auto closed = csp::chan<bool>("closed");
    closed.close();
    auto open = csp::chan<int>("open");
    auto r = csp::go("go", [=]() -> csp::Proc<std::string> {
      try {
        for (int i = 0; i < 10000; ++i) {
          auto a = co_await csp::alts(csp::take(open), csp::put(closed, true), csp::priority);
          if (a.index != 1) co_return ":ko";
        }
        co_return ":ok";
      } catch (const std::exception&) {
        co_return ":ko";
      }
    });
    CHECK(r.take_blocking() == std::string(":ok"));
  });
}
