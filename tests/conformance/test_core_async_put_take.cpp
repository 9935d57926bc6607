// core.async's put! and take! with callbacks (csp::put_async, csp::take_async), from
// src/test/clojure/clojure/core/async_test.clj, async/exceptions_test.clj and
// src/test/cljs/cljs/core/async/tests.cljs, translated to csp::.
//
// A Clojure promise is a csp::promise_chan: deliver is an offer, realized? a poll, @ a take.
// "The callback executes on the caller's thread" is "it ran before put_async / take_async
// returned"; "on a different thread" is "it ran later, in its own process". A callback of a
// pending put! or take! runs in that operation's own process ("put!", "take!"), never on the
// thread of the partner that completed it: the two parts of take!-on-caller? and
// put!-on-caller? that expect the partner's thread are tagged [differs].
#include "conformance.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

using namespace std::chrono_literals;
using conformance::on_every_scheduler;
using conformance::Scheduler;

namespace {
const char* const kExpected = "This exception is expected";

// Whether a callback runs inside the put_async / take_async call that registered it: on the
// caller's thread before the call returned (`returned` is set right after it).
struct CallSite {
  std::thread::id caller = std::this_thread::get_id();
  std::atomic<bool> returned{false};
  bool inside_call() const { return !returned && std::this_thread::get_id() == caller; }
};
}  // namespace

TEST_CASE("core.async async_test.clj: test-<!!-and-put!", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto executed = csp::promise_chan<bool>("executed");
    auto test_channel = csp::chan<std::string>("test-channel");
    csp::put_async(test_channel, ":test-val", [executed](bool) { (void)executed.offer(true); });
    CHECK_FALSE(executed.poll());  // not until a reader consumes the value
    CHECK(test_channel.take_blocking() == ":test-val");
    CHECK(executed.take_blocking() == true);
  });
}

TEST_CASE("core.async async_test.clj: test->!!-and-take!", "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto read_promise = csp::promise_chan<std::string>("read-promise");
    auto test_channel = csp::chan<std::string>("test-channel");
    csp::take_async(test_channel, [read_promise](std::optional<std::string> v) {
      (void)read_promise.offer(v.value_or("nil"));
    });
    CHECK_FALSE(read_promise.poll());  // the read waits until a writer provides a value
    test_channel.put_blocking(":test-val");
    auto r = csp::alts_blocking(csp::take(read_promise), csp::take(csp::timeout(1000ms)));
    CHECK(r.index == 0);
    CHECK(r.get<0>() == ":test-val");
  });
}

TEST_CASE("core.async async_test.clj: take!-on-caller? - a value is ready",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    for (bool on_caller : {true, false}) {
      auto test_channel = csp::chan<std::string>("test-channel");
      auto read_promise = csp::promise_chan<bool>("read-promise");
      csp::put_async(test_channel, ":foo", [](bool) {});
      auto site = std::make_shared<CallSite>();
      csp::take_async(
          test_channel,
          [read_promise, site](std::optional<std::string>) {
            (void)read_promise.offer(site->inside_call());
          },
          on_caller);
      site->returned = true;
      CHECK(read_promise.take_blocking() == on_caller);
    }
  });
}

TEST_CASE("core.async async_test.clj: take!-on-caller? - no value yet: on the putter's thread",
          "[conformance][core.async][differs]") {
  on_every_scheduler([](const Scheduler&) {
    auto test_channel = csp::chan<std::string>("test-channel");
    auto read_promise = csp::promise_chan<std::string>("read-promise");
    csp::take_async(
        test_channel,
        [read_promise](std::optional<std::string>) { (void)read_promise.offer("take!"); }, true);
    test_channel.put_blocking(":foo");
    // core.async: the callback ran on main (the putter); here in the take!'s own process.
    CHECK(read_promise.take_blocking() == "take!");
  });
}

TEST_CASE("core.async async_test.clj: put!-on-caller? - a reader can consume the value",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    for (bool on_caller : {true, false}) {
      auto test_channel = csp::chan<std::string>("test-channel");
      auto write_promise = csp::promise_chan<bool>("write-promise");
      csp::take_async(test_channel, [](std::optional<std::string>) {});
      auto site = std::make_shared<CallSite>();
      csp::put_async(
          test_channel, ":foo",
          [write_promise, site](bool) { (void)write_promise.offer(site->inside_call()); },
          on_caller);
      site->returned = true;
      CHECK(write_promise.take_blocking() == on_caller);
    }
  });
}

TEST_CASE("core.async async_test.clj: put!-on-caller? - no reader yet: on the taker's thread",
          "[conformance][core.async][differs]") {
  on_every_scheduler([](const Scheduler&) {
    auto test_channel = csp::chan<std::string>("test-channel");
    auto write_promise = csp::promise_chan<bool>("write-promise");
    auto site = std::make_shared<CallSite>();
    csp::put_async(test_channel, ":foo",
                   [write_promise, site](bool) { (void)write_promise.offer(site->inside_call()); });
    site->returned = true;
    csp::take_async(test_channel, [](std::optional<std::string>) {});
    // core.async: the callback ran on main (the taker); here later, in the put!'s process.
    CHECK(write_promise.take_blocking() == false);
  });
}

TEST_CASE("core.async async_test.clj: limit-async-take!-put! - put_async",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto c = csp::chan<int>("c");
    for (int x = 0; x < 1024; ++x) csp::put_async(c, x);
    CHECK_THROWS_AS(csp::put_async(c, 42), csp::ChannelError);
    CHECK(c.take_blocking() == 0);  // the channel still works, in put order
    CHECK(c.take_blocking() == 1);
  });
}

TEST_CASE("core.async async_test.clj: limit-async-take!-put! - take_async",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto c = csp::chan<int>("c");
    auto got = csp::chan<int>("got", csp::fixed(1));
    csp::take_async(c, [got](std::optional<int> v) { (void)got.offer(v.value_or(-1)); });
    for (int x = 1; x < 1024; ++x) csp::take_async(c, [](std::optional<int>) {});
    CHECK_THROWS_AS(csp::take_async(c, [](std::optional<int>) {}), csp::ChannelError);
    CHECK(c.put_blocking(42));
    CHECK(got.take_blocking() == 42);  // the first pending take! got it
    c.close();                         // the other 1023 get nil
  });
}

TEST_CASE("core.async exceptions_test.clj: exception-in-put-callback",
          "[conformance][core.async][differs]") {
  on_every_scheduler(
      [](const Scheduler&) {
        auto c = csp::chan<std::string>("c");
        csp::put_async(c, ":foo", [](bool) { throw std::runtime_error(kExpected); });
        CHECK(c.take_blocking() == ":foo");
        conformance::sleep_blocking(10ms);  // let the put!'s process run its callback (@log)
      },
      [](const Scheduler&, const csp::RunResult& r) {
        CHECK(r.status == csp::RunStatus::Error);
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].process == "put!");
        CHECK(r.errors[0].message == kExpected);
      });
}

TEST_CASE("core.async exceptions_test.clj: exception-in-take-callback",
          "[conformance][core.async][differs]") {
  on_every_scheduler(
      [](const Scheduler&) {
        auto c = csp::chan<std::string>("c");
        csp::take_async(c, [](std::optional<std::string>) { throw std::runtime_error(kExpected); });
        c.put_blocking(":foo");
        conformance::sleep_blocking(10ms);  // let the take!'s process run its callback (@log)
      },
      [](const Scheduler&, const csp::RunResult& r) {
        CHECK(r.status == csp::RunStatus::Error);
        REQUIRE(r.errors.size() == 1);
        CHECK(r.errors[0].process == "take!");
        CHECK(r.errors[0].message == kExpected);
      });
}

// (latch 2 done): a channel of two slots each callback fills.
TEST_CASE("core.async tests.cljs: test-put-take-chan-1, test-put-take-chan",
          "[conformance][core.async][cljs]") {
  on_every_scheduler([](const Scheduler&) {
    for (bool buffered : {true, false}) {
      auto c = buffered ? csp::chan<int>("c", csp::fixed(1)) : csp::chan<int>("c");
      auto latch = csp::chan<int>("latch", csp::fixed(2));
      csp::put_async(c, 42, [latch](bool ok) { (void)latch.offer(ok ? 1 : -1); });
      csp::take_async(c, [latch](std::optional<int> v) { (void)latch.offer(v.value_or(-1)); });
      const int a = latch.take_blocking().value_or(0), b = latch.take_blocking().value_or(0);
      CHECK(std::min(a, b) == 1);   // the put's callback: true
      CHECK(std::max(a, b) == 42);  // the take's: 42
    }
  });
}
