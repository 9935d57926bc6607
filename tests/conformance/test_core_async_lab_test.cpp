// core.async src/test/clojure/clojure/core/async/lab_test.clj, translated to csp::.
//
// clojure.core.async.lab's multiplex (a read port taking from whichever of its ports has a
// value, nil only once all are closed) is csp::merge; its broadcast (a write port whose write
// parks until every target took the value) is a source channel with a csp::mult tapping every
// target. The JVM threads of the original are csp::threads.
#include "conformance.hpp"

#include <set>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using conformance::on_every_scheduler;
using conformance::Scheduler;

TEST_CASE("core.async lab_test.clj: multiplex-test - values of every channel",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto even_chan = csp::chan<int>("even");
    auto odd_chan = csp::chan<int>("odd");
    auto muxer = csp::merge<int>({even_chan, odd_chan});
    csp::thread("odd-pusher", [=] {
      for (int i = 1; i < 10; i += 2) odd_chan.put_blocking(i);
    });
    csp::thread("even-pusher", [=] {
      for (int i = 0; i < 10; i += 2) even_chan.put_blocking(i);
    });
    std::set<int> observed;
    for (int i = 0; i < 10; ++i) observed.insert(muxer.take_blocking().value_or(-1));
    CHECK(observed == std::set<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  });
}

TEST_CASE("core.async lab_test.clj: multiplex-test - no nil until all channels are closed",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    auto short_chan = csp::chan<int>("short");
    auto long_chan = csp::chan<int>("long");
    auto muxer = csp::merge<int>({short_chan, long_chan});
    csp::thread("long-pusher", [=] {
      for (int i = 0; i < 10000; ++i) long_chan.put_blocking(i);
      short_chan.close();  // sic: the original closes short-chan here too
    });
    csp::thread("short-pusher", [=] {
      for (int i = 0; i < 10; ++i) short_chan.put_blocking(i);
      short_chan.close();
    });
    int nils = 0;
    for (int i = 0; i < 10010; ++i) nils += muxer.take_blocking() ? 0 : 1;
    CHECK(nils == 0);  // (every? identity observed): 0 is truthy in Clojure
  });
}

TEST_CASE("core.async lab_test.clj: multiplex-test - all channels closed reads as closed",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    std::vector<csp::Chan<int>> chans;
    for (int i = 0; i < 5; ++i) chans.push_back(csp::chan<int>("c"));
    auto muxer = csp::merge(chans);
    for (auto& c : chans) c.close();
    CHECK_FALSE(muxer.take_blocking());
  });
}

TEST_CASE("core.async lab_test.clj: broadcast-test - writes to every target",
          "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    std::vector<csp::Chan<std::string>> receivers;
    for (int i = 0; i < 5; ++i) receivers.push_back(csp::chan<std::string>("r", csp::fixed(1)));
    auto broadcaster = csp::chan<std::string>("broadcaster");
    auto m = csp::mult(broadcaster);
    for (auto& r : receivers) m.tap(r);
    broadcaster.put_blocking(":foo");
    std::vector<std::string> observed;
    for (auto& r : receivers) observed.push_back(r.take_blocking().value_or("nil"));
    CHECK(observed == std::vector<std::string>(5, ":foo"));
  });
}

TEST_CASE(
    "core.async lab_test.clj: broadcast-test - a target that does not take blocks the next write",
    "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    std::vector<csp::Chan<std::string>> receivers;
    for (int i = 0; i < 5; ++i) receivers.push_back(csp::chan<std::string>("r"));
    auto broadcaster = csp::chan<std::string>("broadcaster");
    auto m = csp::mult(broadcaster);
    for (auto& r : receivers) m.tap(r);
    auto future = csp::thread("future", [=] {
      broadcaster.put_blocking(":foo");
      broadcaster.put_blocking(":bar");
    });
    std::vector<std::string> first_reads;
    for (int i = 0; i < 4; ++i)
      first_reads.push_back(receivers[static_cast<size_t>(i)].take_blocking().value_or("nil"));
    auto alt_read = csp::alts_blocking(csp::take(receivers[0]), csp::take(receivers[1]),
                                       csp::take(receivers[2]), csp::take(receivers[3]),
                                       csp::take(csp::timeout(500ms)));
    CHECK(first_reads == std::vector<std::string>(4, ":foo"));
    CHECK(alt_read.index == 4);  // [nil timeout-channel]
    CHECK_FALSE(alt_read.get<4>());
    receivers[4].take_blocking();  // the original's clean-up: :foo, then :bar everywhere
    for (auto& r : receivers) r.take_blocking();
    future.take_blocking();
  });
}

TEST_CASE(
    "core.async lab_test.clj: broadcast-test - buffered targets are not throttled by each other",
    "[conformance][core.async]") {
  on_every_scheduler([](const Scheduler&) {
    std::vector<csp::Chan<int>> receivers;
    for (int i = 0; i < 5; ++i) receivers.push_back(csp::chan<int>("r", csp::fixed(100)));
    auto broadcaster = csp::chan<int>("broadcaster");
    auto m = csp::mult(broadcaster);
    for (auto& r : receivers) m.tap(r);
    csp::thread("future", [=] {
      for (int i = 0; i < 100; ++i) broadcaster.put_blocking(i);
    });
    std::vector<int> observed, expected;
    for (int i = 0; i < 100; ++i) {
      observed.push_back(receivers[0].take_blocking().value_or(-1));
      expected.push_back(i);
    }
    CHECK(observed == expected);
  });
}
