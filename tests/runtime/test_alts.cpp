// alts: seeded random choice among ready guards, priority, default, put guards, timeouts.
#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <chrono>

using namespace std::chrono_literals;
using csptrace::EventKind;
using rt_test::deterministic;

TEST_CASE("alts picks among ready guards at random: every guard wins a fair share", "[alts]") {
  std::array<int, 3> wins{};
  csp::RunResult r = csp::run(deterministic(42), [&] {
    auto a = csp::chan<int>("a", csp::fixed(1));
    auto b = csp::chan<int>("b", csp::fixed(1));
    auto c = csp::chan<int>("c", csp::fixed(1));
    for (int round = 0; round < 3000; ++round) {
      a.poll();  // empty all three, then make all three ready
      b.poll();
      c.poll();
      a.offer(0);
      b.offer(1);
      c.offer(2);
      auto res = csp::alts_blocking(csp::take(a), csp::take(b), csp::take(c));
      REQUIRE(res.index >= 0);
      ++wins[static_cast<size_t>(res.index)];
    }
  });
  REQUIRE(r.ok());
  for (int w : wins) {  // 1000 expected each; a seeded run, so this is not a flaky bound
    CHECK(w > 850);
    CHECK(w < 1150);
  }
}

TEST_CASE("alts with priority takes the first ready guard in listed order", "[alts]") {
  auto t = rt_test::run_traced(csp::Options{}, [&] {
    auto a = csp::chan<int>("a", csp::fixed(1));
    auto b = csp::chan<int>("b", csp::fixed(1));
    for (int i = 0; i < 50; ++i) {
      a.offer(1);
      b.offer(2);
      auto res = csp::alts_blocking(csp::take(b), csp::take(a), csp::priority);
      CHECK(res.index == 0);
      CHECK(res.get<0>() == 2);
      a.poll();
    }
  });
  REQUIRE(t.result.ok());
  for (size_t i : rt_test::events_of(t.model, EventKind::AltChoice))
    CHECK(t.model.event(i).rule == csptrace::AltRule::Priority);
}

TEST_CASE("alts with a default returns at once when nothing is ready", "[alts]") {
  auto t = rt_test::run_traced(csp::Options{}, [&] {
    auto a = csp::chan<int>("a");
    auto res = csp::alts_blocking(csp::take(a), csp::put(a, 3), csp::otherwise);
    CHECK(res.index == -1);
    CHECK(res.is_default());
    CHECK_THROWS_AS(res.get<0>(), std::logic_error);
  });
  REQUIRE(t.result.ok());
  auto choices = rt_test::events_of(t.model, EventKind::AltChoice);
  REQUIRE(choices.size() == 1);
  CHECK(t.model.event(choices[0]).rule == csptrace::AltRule::Default);
  CHECK(t.model.event(choices[0]).index == -1);
  CHECK(rt_test::count_of(t.model, EventKind::AltGuard) == 2);
}

TEST_CASE("put guards: the alt puts when a taker is there, false on a closed channel", "[alts]") {
  csp::RunResult r = csp::run(deterministic(6), [&] {
    auto out = csp::chan<int>("out");
    auto never = csp::chan<std::string>("never");
    auto got = csp::go("taker", [=]() -> csp::Proc<int> { co_return *co_await out.take(); });
    auto res = csp::alts_blocking(csp::take(never), csp::put(out, 9));  // waits for the taker
    CHECK(res.index == 1);
    CHECK(res.get<1>() == true);
    CHECK(got.take_blocking() == 9);

    out.close();
    auto closed = csp::alts_blocking(csp::take(never), csp::put(out, 10));
    CHECK(closed.index == 1);
    CHECK(closed.get<1>() == false);
  });
  CHECK(r.ok());
}

TEST_CASE("a parked alt is completed by the first partner, the other guards are withdrawn",
          "[alts]") {
  auto t = rt_test::run_traced(deterministic(12), [&] {
    auto a = csp::chan<int>("a");
    auto b = csp::chan<int>("b");
    auto res = csp::go("chooser", [=]() -> csp::Proc<int> {
      auto r = co_await csp::alts(csp::take(a), csp::take(b));
      co_return r.index * 100 + (r.index == 1 ? *r.get<1>() : 0);
    });
    csp::timeout(1ms).take_blocking();  // the chooser is parked on both
    b.put_blocking(7);
    CHECK(res.take_blocking() == 107);
    CHECK_FALSE(a.offer(1));  // its guard on `a` was withdrawn: nobody takes
  });
  REQUIRE(t.result.ok());
  auto choices = rt_test::events_of(t.model, EventKind::AltChoice);
  REQUIRE(choices.size() == 1);
  auto c = t.model.event(choices[0]);
  CHECK(c.rule == csptrace::AltRule::Waited);
  CHECK(c.index == 1);
  CHECK(c.value.num == 7);
  // transfer, then alt_choice, then the wake; the choice and the wake are one recorded pair
  CHECK(t.model.kind(choices[0] - 1) == EventKind::Transfer);
  CHECK(t.model.kind(choices[0] + 1) == EventKind::Resume);
  CHECK(t.model.event(choices[0] + 1).seq == c.seq + 1);
  CHECK(t.model.time(choices[0] + 1) == t.model.time(choices[0]));
}

TEST_CASE("a timeout guard wins when nothing else comes", "[alts][timeout]") {
  for (csp::Options opt : {csp::Options{}, deterministic(3)}) {
    csp::RunResult r = csp::run(opt, [&] {
      auto never = csp::chan<int>("never");
      auto res = csp::go("waiter", [=]() -> csp::Proc<int> {
        auto alt = co_await csp::alts(csp::take(never), csp::take(csp::timeout(5ms)));
        co_return alt.index;
      });
      CHECK(res.take_blocking() == 1);
    });
    CHECK(r.ok());
  }
}

TEST_CASE("a guard keeps a temporary channel alive, a named one is borrowed", "[alts]") {
  // The alts is built in one statement and awaited in another: the temporary channels (one of
  // them const) are gone from the caller by then, so the guards must hold them. A guard that
  // borrowed one would read freed memory, which the ASan preset reports.
  const auto make_const = []() -> const csp::Chan<int> { return csp::chan<int>("const, unused"); };
  csp::RunResult r = csp::run(deterministic(8), [&] {
    auto named = csp::chan<int>("named");
    auto res = csp::go("waiter", [=]() -> csp::Proc<int> {
      auto op = csp::alts(csp::take(named), csp::put(csp::chan<int>("nobody takes"), 1),
                          csp::take(make_const()), csp::take(csp::timeout(5ms)));
      auto got = co_await op;
      co_return got.index;
    });
    CHECK(res.take_blocking() == 3);  // the timer closed; nobody used the other channels
  });
  CHECK(r.ok());
}

TEST_CASE("alts over different value types", "[alts]") {
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    auto nums = csp::chan<int>("nums", csp::fixed(1));
    auto words = csp::chan<std::string>("words", csp::fixed(1));
    words.offer("hello");
    auto res = csp::alts_blocking(csp::take(nums), csp::take(words));
    REQUIRE(res.index == 1);
    CHECK(res.get<1>() == std::string("hello"));
  });
  CHECK(r.ok());
}

TEST_CASE("take_any: alts over a run-time list of channels", "[alts]") {
  std::array<int, 4> wins{};
  csp::RunResult r = csp::run(deterministic(8), [&] {
    std::vector<csp::Chan<int>> chans;
    for (int i = 0; i < 4; ++i) chans.push_back(csp::chan<int>("in", csp::fixed(1)));
    auto none = csp::take_any_blocking(chans, csp::otherwise);
    CHECK(none.index == -1);
    for (int round = 0; round < 400; ++round) {
      for (auto& c : chans) {
        c.poll();
        c.offer(round);
      }
      auto res = csp::go("chooser", [=]() -> csp::Proc<int> {
        auto got = co_await csp::take_any(chans);
        co_return got.value == round ? got.index : -1;
      });
      int idx = *res.take_blocking();
      REQUIRE(idx >= 0);
      ++wins[static_cast<size_t>(idx)];
    }
    chans[2].close();
    chans[2].poll();
    auto closed = csp::take_any_blocking(std::vector<csp::Chan<int>>{chans[2]});
    CHECK(closed.index == 0);
    CHECK_FALSE(closed.value);
    auto first = csp::take_any_blocking(chans, csp::priority);
    CHECK(first.index == 0);  // every channel still holds a value: listed order wins
  });
  REQUIRE(r.ok());
  for (int w : wins) CHECK(w > 60);  // 100 expected each, seeded
}
