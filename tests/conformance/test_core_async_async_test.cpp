// core.async src/test/clojure/clojure/core/async_test.clj, translated to csp::.
//
// Clojure keywords become strings (":val"), nil an empty std::optional, a future or a thread a
// csp::thread, `(deref f ms :blocked)` an alts on the result channel and a timeout. Elsewhere:
// put!/take! (test_core_async_put_take.cpp), channel transducers and transduce
// (test_core_async_transducers.cpp); the deprecated channel ops are n/a (README.md). a/map
// takes one vector of values.
#include "conformance.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <variant>
#include <vector>

using namespace std::chrono_literals;
using conformance::on_every_scheduler;
using conformance::range;
using conformance::Scheduler;

namespace {

// (deref ref ms :blocked): the value the result channel gets within d, or nothing (:blocked).
struct Deref {
  bool blocked = true;
  std::optional<int> value;
};
Deref deref(const csp::Chan<int>& result, std::chrono::milliseconds d) {
  auto r = csp::alts_blocking(csp::take(result), csp::take(csp::timeout(d)));
  if (r.index != 0) return {};
  return {false, r.get<0>()};
}

// (thread (<!! c)): a thread whose result channel gets the value it took, or only closes when
// the take yields nil (a thread returning nil closes its channel).
template <class T>
csp::Chan<T> thread_take(const csp::Chan<T>& c) {
  auto out = csp::chan<T>("thread result", csp::fixed(1));
  csp::thread("thread", [=] {
    if (std::optional<T> v = c.take_blocking()) out.put_blocking(std::move(*v));
    out.close();
  });
  return out;
}

}  // namespace

// A buffer object is a csp::BufferSpec; a promise buffer exists only inside a promise channel,
// so its part asks the channel (Chan::unblocking).
TEST_CASE("core.async async_test.clj: buffers-tests", "[conformance][core.async]") {
  CHECK_FALSE(csp::unblocking(csp::fixed(1)));
  CHECK(csp::unblocking(csp::dropping(1)));
  CHECK(csp::unblocking(csp::sliding(1)));
  on_every_scheduler([](const Scheduler&) {
    CHECK(csp::promise_chan<int>("p").unblocking());
    CHECK_FALSE(csp::chan<int>("c", csp::fixed(1)).unblocking());
  });
}

TEST_CASE("core.async async_test.clj: basic-channel-test", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto c = csp::chan<int>("c", csp::fixed(1));
    auto f = csp::thread("future", [=] { return c.take_blocking().value_or(-1); });
    c.put_blocking(42);
    CHECK(f.take_blocking() == 42);
  });
}

TEST_CASE("core.async async_test.clj: writes-block-on-full-buffer", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto c = csp::chan<int>("c", csp::fixed(1));
    c.put_blocking(42);
    auto blocking = csp::thread("future", [=] { return c.put_blocking(43) ? 1 : 0; });
    CHECK(deref(blocking, 20ms).blocked);
    // Not in the original (the JVM leaves the future blocked): let the thread end.
    c.take_blocking();
    blocking.take_blocking();
  });
}

TEST_CASE("core.async async_test.clj: unfulfilled-readers-block", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto c = csp::chan<int>("c", csp::fixed(1));
    auto r1 = csp::thread("r1", [=] { return c.take_blocking().value_or(-1); });
    auto r2 = csp::thread("r2", [=] { return c.take_blocking().value_or(-1); });
    c.put_blocking(42);
    const Deref r1v = deref(r1, 20ms);
    const Deref r2v = deref(r2, 20ms);
    CHECK((r1v.blocked || r2v.blocked));
    CHECK((r1v.value == 42 || r2v.value == 42));
    c.put_blocking(0);  // not in the original: release the other reader
    (r1v.blocked ? r1 : r2).take_blocking();
  });
}

// A pending put! as a go process parked on its put, which the pending-operation cap counts the
// same way; the 1025th pending operation is main's own, which throws as core.async's put! does.
// The same with csp::put_async / take_async: test_core_async_put_take.cpp.
TEST_CASE("core.async async_test.clj: limit-async-take!-put! - async put! limit",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto c = csp::chan<int>("c");
    csp::spawn("put!", [=]() -> csp::Proc<void> { co_await c.put(0); });
    conformance::sleep_blocking(1ms);  // 0 is the first pending put
    for (int x = 1; x < 1024; ++x)
      csp::spawn("put!", [=]() -> csp::Proc<void> { co_await c.put(x); });
    conformance::sleep_blocking(20ms);  // all 1024 are pending
    CHECK_THROWS_AS(c.put_blocking(42), csp::ChannelError);
    CHECK(c.take_blocking() == 0);  // the channel still works
  });
}

TEST_CASE("core.async async_test.clj: limit-async-take!-put! - async take! limit",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto c = csp::chan<int>("c");
    for (int x = 0; x < 1024; ++x)
      csp::spawn("take!", [=]() -> csp::Proc<void> { co_await c.take(); });
    conformance::sleep_blocking(20ms);  // all 1024 are pending
    CHECK_THROWS_AS(c.take_blocking(), csp::ChannelError);
    CHECK(c.put_blocking(42));
  });
}

// put! with a callback: a go process's parking put, whose end is the callback.
TEST_CASE("core.async async_test.clj: puts-fulfill-when-buffer-available",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto c = csp::chan<std::string>("c", csp::fixed(1));
    c.put_blocking(":full");
    auto proceeded = csp::go("put!", [=]() -> csp::Proc<int> {
      co_await c.put(":enqueues");
      co_return 1;
    });
    conformance::sleep_blocking(1ms);  // the put is enqueued
    c.take_blocking();                 // make room in the buffer
    auto r = csp::alts_blocking(csp::take(proceeded), csp::take(csp::timeout(250ms)));
    CHECK(r.index == 0);  // :proceeded, not :timeout
  });
}

TEST_CASE("core.async async_test.clj: offer-poll", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto c = csp::chan<int>("c", csp::fixed(2));
    CHECK(c.offer(1));
    CHECK(c.offer(2));
    CHECK_FALSE(c.offer(3));
    CHECK(c.take_blocking() == 1);
    CHECK(c.poll() == 2);
    CHECK_FALSE(c.poll());
    auto u = csp::chan<int>("unbuffered");
    CHECK_FALSE(u.offer(1));
    CHECK_FALSE(u.poll());
  });
}

TEST_CASE("core.async async_test.clj: test-promise-chan", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    {  // put on promise-chan fulfills all pending takers
      auto c = csp::promise_chan<std::string>("c");
      auto t1 = thread_take(c);
      auto t2 = thread_take(c);
      c.put_blocking(":val");
      CHECK(t1.take_blocking() == ":val");
      CHECK(t2.take_blocking() == ":val");
      c.put_blocking(":LOST");  // then puts succeed but are dropped
      CHECK(c.take_blocking() == ":val");
      for (int i = 0; i < 3; ++i) CHECK(c.take_blocking() == ":val");
      c.close();  // then after close takes continue returning value
      CHECK(c.take_blocking() == ":val");
      CHECK(c.take_blocking() == ":val");
    }
    {  // close on promise-chan fulfills all pending takers
      auto c = csp::promise_chan<std::string>("c");
      auto t1 = thread_take(c);
      auto t2 = thread_take(c);
      conformance::sleep_blocking(1ms);  // both take
      c.close();
      CHECK_FALSE(t1.take_blocking());
      CHECK_FALSE(t2.take_blocking());
      CHECK_FALSE(t1.take_blocking());  // then takes return nil
      CHECK_FALSE(t1.take_blocking());
      CHECK_FALSE(t2.take_blocking());
      CHECK_FALSE(t2.take_blocking());
    }
    {  // close after put on promise-chan continues delivering promised value
      auto c = csp::promise_chan<std::string>("c");
      c.put_blocking(":val");
      CHECK(c.take_blocking() == ":val");
      CHECK(c.take_blocking() == ":val");
      c.close();
      CHECK(c.take_blocking() == ":val");
      CHECK(c.take_blocking() == ":val");
    }
  });
}

TEST_CASE("core.async async_test.clj: io-thread-tests - io-thread blocking ops",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto c1 = csp::chan<std::string>("c1");
    auto c2 = csp::chan<std::string>("c2");
    auto c3 = csp::chan<std::string>("c3");
    csp::thread("upper", [=] {
      std::string s = c1.take_blocking().value_or("");
      std::transform(s.begin(), s.end(), s.begin(),
                     [](unsigned char ch) { return std::toupper(ch); });
      c2.put_blocking(s);
    });
    csp::thread("reverse", [=] {
      std::string s = c2.take_blocking().value_or("");
      std::reverse(s.begin(), s.end());
      c3.put_blocking(s);
    });
    c1.put_blocking("loop");
    CHECK(c3.take_blocking() == "POOL");
  });
}

TEST_CASE("core.async async_test.clj: ops-tests - to-chan", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    CHECK(csp::into(csp::to_chan(range(10))).take_blocking() == range(10));
  });
}

TEST_CASE("core.async async_test.clj: ops-tests - to-chan (to-chan!!)",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    CHECK(csp::into(csp::to_chan_blocking(range(10))).take_blocking() == range(10));
    CHECK(csp::into(csp::to_chan_blocking(range(0))).take_blocking() == range(0));
    CHECK(csp::into(csp::to_chan_blocking(range(250))).take_blocking() == range(250));
  });
}

TEST_CASE("core.async async_test.clj: ops-tests - onto-chan (onto-chan!!)",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto ch = csp::chan<int>("ch", csp::fixed(10));
    csp::onto_chan_blocking(ch, range(10));
    CHECK(csp::into(ch).take_blocking() == range(10));
  });
}

TEST_CASE("core.async async_test.clj: ops-tests - map", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto plus = [](std::vector<int> vs) {
      int sum = 0;
      for (int v : vs) sum += v;
      return sum;
    };
    auto m =
        csp::map(plus, std::vector<csp::Chan<int>>{csp::to_chan(range(4)), csp::to_chan(range(4)),
                                                   csp::to_chan(range(4)), csp::to_chan(range(4))});
    CHECK(csp::into(m).take_blocking() == std::vector<int>{0, 4, 8, 12});
    CHECK_FALSE(csp::map(plus, std::vector<csp::Chan<int>>{}).take_blocking());
  });
}

TEST_CASE("core.async async_test.clj: ops-tests - reduce (reduced)", "[conformance][core.async]") {
  static constexpr int kFoo = -1;  // :foo
  on_every_scheduler([](const Scheduler&) {
    auto f = [](int acc, int v) -> csp::ReduceStep<int> {
      if (v == 2) return csp::reduced(kFoo);
      return acc;
    };
    CHECK(csp::reduce(f, 0, csp::to_chan(range(10))).take_blocking() == kFoo);
  });
}

TEST_CASE("core.async async_test.clj: ops-tests - onto-chan", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto ch = csp::chan<int>("ch", csp::fixed(10));
    csp::onto_chan(ch, range(10));
    CHECK(csp::into(ch).take_blocking() == range(10));
  });
}

TEST_CASE("core.async async_test.clj: ops-tests - pipe", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto out = csp::chan<int>("out");
    csp::pipe(csp::to_chan(std::vector<int>{1, 2, 3, 4, 5}), out);
    CHECK(csp::into(out).take_blocking() == std::vector<int>{1, 2, 3, 4, 5});
  });
}

TEST_CASE("core.async async_test.clj: ops-tests - split", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto [even, odd] =
        csp::split([](int v) { return v % 2 == 0; },
                   csp::to_chan(std::vector<int>{1, 2, 3, 4, 5, 6}), csp::fixed(5), csp::fixed(5));
    CHECK(csp::into(even).take_blocking() == std::vector<int>{2, 4, 6});
    CHECK(csp::into(odd).take_blocking() == std::vector<int>{1, 3, 5});
  });
}

TEST_CASE("core.async async_test.clj: ops-tests - merge", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    std::vector<csp::Chan<int>> ins;
    for (int i = 0; i < 4; ++i) ins.push_back(csp::to_chan(range(4)));
    const std::vector<int> all = *csp::into(csp::merge(ins)).take_blocking();
    std::map<int, int> frequencies;
    for (int v : all) ++frequencies[v];
    CHECK(frequencies == std::map<int, int>{{0, 4}, {1, 4}, {2, 4}, {3, 4}});
  });
}

TEST_CASE("core.async async_test.clj: ops-tests - mult", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto a = csp::chan<int>("a", csp::fixed(4));
    auto b = csp::chan<int>("b", csp::fixed(4));
    auto src = csp::chan<int>("src");
    auto m = csp::mult(src);
    m.tap(a);
    m.tap(b);
    csp::pipe(csp::to_chan(range(4)), src);
    CHECK(csp::into(a).take_blocking() == range(4));
    CHECK(csp::into(b).take_blocking() == range(4));
  });
}

TEST_CASE("core.async async_test.clj: ops-tests - mult (ASYNC-127)", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto ch = csp::chan<int>("ch");
    auto m = csp::mult(ch);
    auto t1 = csp::chan<int>("t-1");
    auto t2 = csp::chan<int>("t-2");
    auto t3 = csp::chan<int>("t-3");
    m.tap(t1);
    m.tap(t2);
    m.tap(t3);
    t3.close();
    csp::onto_chan(ch, std::vector<int>{1, 2, 3});
    CHECK(t1.take_blocking() == 1);
    CHECK_FALSE(t1.poll());  // t-2 hasn't taken yet
    CHECK(t2.take_blocking() == 1);
    CHECK(t1.take_blocking() == 2);  // now available
    CHECK_FALSE(t1.poll());
  });
}

// (a/take 6 out) is six takes from out.
TEST_CASE("core.async async_test.clj: ops-tests - mix", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto out = csp::chan<int>("out");
    auto mx = csp::mix(out);
    mx.admix(csp::to_chan(std::vector<int>{1, 2, 3}));
    mx.admix(csp::to_chan(std::vector<int>{4, 5, 6}));
    std::set<int> got;
    for (int i = 0; i < 6; ++i) got.insert(out.take_blocking().value_or(-1));
    CHECK(got == std::set<int>{1, 2, 3, 4, 5, 6});
  });
}

// put! is a go process parked on its put (see README, conventions).
TEST_CASE("core.async async_test.clj: ops-tests - mix (ASYNC-145)", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto out = csp::chan<int>("out", csp::fixed(2500));
    auto mx = csp::mix(out);
    for (int i = 0; i < 2048; ++i) {
      auto c = csp::chan<int>("c");
      mx.admix(c);
      csp::spawn("put!", [c, i]() -> csp::Proc<void> { co_await c.put(i); });
    }
    std::set<int> got;
    for (int i = 0; i < 2048; ++i) got.insert(out.take_blocking().value_or(-1));
    CHECK(got.size() == 2048);
    CHECK(*got.begin() == 0);
    CHECK(*got.rbegin() == 2047);
  });
}

TEST_CASE("core.async async_test.clj: ops-tests - pub-sub", "[conformance][core.async]") {
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
    CHECK(csp::into(a_ints).take_blocking() == ints);
    CHECK(csp::into(b_ints).take_blocking() == ints);
    CHECK(csp::into(a_strs).take_blocking() == strs);
    CHECK(csp::into(b_strs).take_blocking() == strs);
  });
}

TEST_CASE("core.async async_test.clj: ops-tests - reduce", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto plus = [](int acc, int v) { return acc + v; };
    CHECK(csp::reduce(plus, 0, csp::to_chan(std::vector<int>{})).take_blocking() == 0);
    CHECK(csp::reduce(plus, 0, csp::to_chan(range(10))).take_blocking() == 45);
  });
}

TEST_CASE("core.async async_test.clj: test-write-on-closed", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto closed = csp::chan<bool>("closed");
    closed.close();
    auto open = csp::chan<int>("open");
    bool ok = true;
    try {
      for (int i = 0; i < 10000; ++i) {
        auto r = csp::alts_blocking(csp::take(open), csp::put(closed, true), csp::priority);
        ok = ok && r.index == 1;  // the only ready guard: a put on a closed channel
      }
    } catch (const std::exception&) {
      ok = false;  // :ko
    }
    CHECK(ok);
  });
}

// core.async refuses nil as a value (AssertionError); a csp::Chan<T> carries any T, so a put of
// an empty std::optional is an ordinary value (docs/runtime.md: "values").
TEST_CASE("core.async async_test.clj: test-alts-put-nil-invalid",
          "[conformance][core.async][differs]") {
  on_every_scheduler([](const Scheduler&) {
    auto c1 = csp::chan<std::optional<int>>("c1");
    auto c2 = csp::chan<std::optional<int>>("c2");
    auto taker = csp::go("taker", [=]() -> csp::Proc<int> {
      std::optional<std::optional<int>> v = co_await c2.take();
      co_return v && !v->has_value() ? 1 : 0;
    });
    int index = -2;
    CHECK_NOTHROW(index =
                      csp::alts_blocking(csp::take(c1), csp::put(c2, std::optional<int>{})).index);
    CHECK(index == 1);
    CHECK(taker.take_blocking() == 1);
  });
}
