// go processes: result channels, nested Procs, exceptions, captured state, misuse.
#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

using csptrace::EventKind;
using rt_test::deterministic;

namespace {
csp::Proc<int> twice(csp::Chan<int> c) {
  int a = *co_await c.take();
  int b = *co_await c.take();
  co_return a + b;
}
csp::Proc<int> fails() {
  throw std::runtime_error("helper broke");
  co_return 0;
}
}  // namespace

TEST_CASE("a go process's result channel gets its value, then closes", "[go]") {
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    auto res = csp::go("answer", []() -> csp::Proc<int> { co_return 42; });
    CHECK(res.name() == "result of answer");
    CHECK(res.take_blocking() == 42);
    CHECK_FALSE(res.take_blocking());
    auto done = csp::go("void", []() -> csp::Proc<void> { co_return; });
    CHECK_FALSE(done.take_blocking());  // a void process just closes its channel
  });
  CHECK(r.ok());
}

TEST_CASE("a Proc may co_await another Proc, and exceptions propagate to the caller", "[go]") {
  std::string caught;
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    auto c = csp::chan<int>("nums");
    auto res = csp::go("adder", [=, &caught]() -> csp::Proc<int> {
      int sum = co_await twice(c);
      try {
        co_await fails();
      } catch (const std::exception& e) {
        caught = e.what();
      }
      co_return sum;
    });
    c.put_blocking(20);
    c.put_blocking(22);
    CHECK(res.take_blocking() == 42);
  });
  CHECK(r.ok());
  CHECK(caught == "helper broke");
}

TEST_CASE("an exception escaping a process is recorded, closes its channel and is reported",
          "[go]") {
  auto t = rt_test::run_traced(deterministic(1), [&] {
    auto res = csp::go("faulty", []() -> csp::Proc<int> {
      throw std::runtime_error("sensor offline");
      co_return 1;
    });
    CHECK_FALSE(res.take_blocking());
  });
  REQUIRE(t.result.status == csp::RunStatus::Error);
  REQUIRE(t.result.errors.size() == 1);
  CHECK(t.result.errors[0].process == "faulty");
  CHECK(t.result.errors[0].message == "sensor offline");
  CHECK(t.result.exit_code() == 1);
  auto exits = rt_test::events_of(t.model, EventKind::Exit);
  bool found = false;
  for (size_t i : exits) {
    auto e = t.model.event(i);
    if (e.status == csptrace::ExitStatus::Error) {
      found = true;
      CHECK(t.model.str(e.message) == "sensor offline");
    }
  }
  CHECK(found);
}

TEST_CASE("the callable is owned by the runtime: captured state outlives the spawning scope",
          "[go]") {
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    auto gate = csp::chan<int>("gate");
    csp::Chan<std::string> res;
    {
      auto text = std::make_shared<std::string>("captured by value");
      res = csp::go("holder", [=]() -> csp::Proc<std::string> {
        co_await gate.take();  // suspends after the spawning scope has ended
        co_return *text;
      });
    }
    gate.put_blocking(1);
    CHECK(res.take_blocking() == "captured by value");
  });
  CHECK(r.ok());
}

TEST_CASE("a blocking operation inside a go process is reported, not a stalled worker", "[go]") {
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    auto c = csp::chan<int>("c", csp::fixed(1));
    auto res = csp::go("misuse", [=]() -> csp::Proc<void> {
      c.put_blocking(1);
      co_return;
    });
    res.take_blocking();
  });
  REQUIRE(r.status == csp::RunStatus::Error);
  REQUIRE(r.errors.size() == 1);
  CHECK_THAT(r.errors[0].message, Catch::Contains("inside go process 'misuse'") &&
                                      Catch::Contains("put_blocking") &&
                                      Catch::Contains("test_go.cpp"));
}

TEST_CASE("main as a go process", "[go]") {
  int seen = 0;
  csp::RunResult r = csp::run(deterministic(3), [&]() -> csp::Proc<void> {
    auto c = csp::chan<int>("c");
    csp::go("sender", [=]() -> csp::Proc<void> { co_await c.put(5); });
    seen = *co_await c.take();
  });
  CHECK(r.ok());
  CHECK(seen == 5);
}

TEST_CASE("unnamed processes and channels get readable names", "[go]") {
  auto t = rt_test::run_traced(csp::Options{}, [&] {
    auto c = csp::chan<int>();
    CHECK(c.name().rfind("chan-", 0) == 0);
    csp::go("", []() -> csp::Proc<void> { co_return; }).take_blocking();
  });
  REQUIRE(t.result.ok());
  bool named = false;
  for (const auto& p : t.model.processes()) named |= t.model.str(p.name).rfind("go-", 0) == 0;
  CHECK(named);
}

TEST_CASE("a result channel keeps its name after its run is over", "[go]") {
  csp::Chan<int> kept;
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    kept = csp::go("a process with a name longer than fifteen",
                   []() -> csp::Proc<int> { co_return 1; });
    CHECK(kept.take_blocking() == 1);
  });
  REQUIRE(r.ok());
  CHECK(kept.name() == "result of a process with a name longer than fifteen");
}

namespace {
csp::Proc<int> add_one(csp::Chan<int> c) { co_return *co_await c.take() + 1; }
csp::Proc<int> add_two(csp::Proc<int> first) { co_return co_await std::move(first) + 1; }
}  // namespace

// A go process shares its allocation with its result channel; every shape of callable must
// start, end and free cleanly, whether it returns its own frame, another coroutine's, or makes
// more frames and processes on the way.
TEST_CASE("go processes of every callable shape, spawned repeatedly, end and free cleanly",
          "[go]") {
  constexpr int kEach = 40;
  long sum = 0;
  csp::RunResult r = csp::run(deterministic(3), [&] {
    auto in = csp::chan<int>("in", csp::fixed(4 * kEach));
    std::vector<csp::Chan<int>> results;
    for (int i = 0; i < kEach; ++i) {
      // A coroutine lambda, one that returns another coroutine's Proc, one that makes a Proc
      // before the one it returns, and one that spawns a process while making its own.
      results.push_back(
          csp::go("lambda", [=]() -> csp::Proc<int> { co_return *co_await in.take(); }));
      results.push_back(csp::go("returns helper", [=] { return add_one(in); }));
      results.push_back(csp::go("two frames", [=] { return add_two(add_one(in)); }));
      results.push_back(csp::go("spawns inside", [=] {
        (void)csp::go("inner", [=]() -> csp::Proc<void> { co_return; });
        return add_one(in);
      }));
      auto failing = csp::go("fails", []() -> csp::Proc<int> {
        throw std::runtime_error("expected");
        co_return 0;
      });
      CHECK_FALSE(failing.take_blocking());
    }
    for (int i = 0; i < 4 * kEach; ++i) in.put_blocking(i);
    for (auto& res : results) sum += *res.take_blocking();
    // Left parked at the end: freed by the shutdown, frames in their blocks included.
    for (int i = 0; i < kEach; ++i)
      (void)csp::go("parked", [=]() -> csp::Proc<void> { co_await in.take(); });
  });
  CHECK(r.errors.size() == static_cast<std::size_t>(kEach));
  const long values = 4L * kEach * (4L * kEach - 1) / 2;
  CHECK(sum == values + 4L * kEach);  // +1 for each helper, +2 for each two-frame process
}

TEST_CASE("a callable with an over-aligned capture keeps its alignment in the process block",
          "[go]") {
  struct alignas(64) Wide {
    int v;
  };
  int sum = 0;
  bool aligned = true;
  csp::RunResult r = csp::run(deterministic(5), [&] {
    for (int i = 1; i <= 3; ++i) {  // the callable lives in the process's block
      Wide w{i};
      auto res = csp::go("wide", [w, &aligned]() -> csp::Proc<int> {
        aligned &= reinterpret_cast<std::uintptr_t>(&w) % alignof(Wide) == 0;
        co_return w.v;
      });
      sum += *res.take_blocking();
    }
  });
  CHECK(r.ok());
  CHECK(sum == 6);
  CHECK(aligned);
}

TEST_CASE("a spawned process runs without a result channel, its exit is still recorded",
          "[go][spawn]") {
  auto t = rt_test::run_traced(deterministic(2), [&] {
    auto out = csp::chan<int>("out");
    csp::spawn("doubler", [=]() -> csp::Proc<void> { co_await out.put(21 * 2); });
    csp::spawn("returns", []() -> csp::Proc<int> { co_return 7; });  // the value is dropped
    CHECK(out.take_blocking() == 42);
  });
  REQUIRE(t.result.ok());
  // One channel: `out`. Neither spawn made a result channel.
  auto makes = rt_test::events_of(t.model, EventKind::ChanMake);
  REQUIRE(makes.size() == 1);
  CHECK(t.model.str(t.model.event(makes[0]).name) == "out");
  std::vector<std::string> exited;
  for (size_t i : rt_test::events_of(t.model, EventKind::Exit)) {
    auto e = t.model.event(i);
    CHECK(e.status == csptrace::ExitStatus::Ok);
    for (const auto& p : t.model.processes())
      if (p.id == e.proc) exited.emplace_back(t.model.str(p.name));
  }
  CHECK_THAT(exited,
             Catch::UnorderedEquals(std::vector<std::string>{"doubler", "returns", "main"}));
}

TEST_CASE("an exception escaping a spawned process is recorded and reported", "[go][spawn]") {
  auto t = rt_test::run_traced(deterministic(4), [&] {
    csp::spawn("faulty", []() -> csp::Proc<void> {
      throw std::runtime_error("lost the sensor");
      co_return;
    });
    // Nothing to wait on: main sleeps (virtual time) so that the process runs before the end.
    csp::timeout(std::chrono::milliseconds(5)).take_blocking();
  });
  REQUIRE(t.result.status == csp::RunStatus::Error);
  REQUIRE(t.result.errors.size() == 1);
  CHECK(t.result.errors[0].process == "faulty");
  CHECK(t.result.errors[0].message == "lost the sensor");
  bool recorded = false;
  for (size_t i : rt_test::events_of(t.model, EventKind::Exit))
    recorded |= t.model.event(i).status == csptrace::ExitStatus::Error &&
                t.model.str(t.model.event(i).message) == "lost the sensor";
  CHECK(recorded);
}

TEST_CASE("spawned processes in a deadlock are named", "[go][spawn]") {
  csp::RunResult r = csp::run(deterministic(6), [&] {
    auto done = csp::chan<int>("done");
    auto a = csp::chan<int>("a");
    auto b = csp::chan<int>("b");
    csp::spawn("left", [=]() -> csp::Proc<void> {
      co_await a.take();
      co_await b.put(1);
    });
    csp::spawn("right", [=]() -> csp::Proc<void> {
      co_await b.take();
      co_await a.put(1);
    });
    done.take_blocking();
  });
  REQUIRE(r.status == csp::RunStatus::Deadlock);
  std::vector<std::string> stuck;
  for (const auto& s : r.stuck) stuck.push_back(s.process + " " + s.op + " " + s.channel);
  CHECK_THAT(stuck, Catch::UnorderedEquals(
                        std::vector<std::string>{"main take done", "left take a", "right take b"}));
}

TEST_CASE("spawned processes still parked when main returns are freed", "[go][spawn]") {
  auto alive = std::make_shared<int>(0);
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    auto never = csp::chan<int>("never");
    for (int i = 0; i < 100; ++i)
      csp::spawn("parked", [=]() -> csp::Proc<void> { co_await never.take(); });
    for (int i = 0; i < 100; ++i)
      csp::spawn("runnable", [=, keep = alive]() -> csp::Proc<void> { co_await never.take(); });
  });
  CHECK(r.ok());
  CHECK(alive.use_count() == 1);  // every closure was destroyed with its process
}

namespace {
csp::Proc<void> forward_to(csp::Chan<int> out, csp::Proc<int> body) {
  co_await out.put(co_await std::move(body));
}

// A callable whose call operator is not itself the coroutine: it makes a frame of one of its
// own member coroutines (which matches the frame slot, see FrameSlot) and returns another; or,
// when `direct`, returns a member coroutine's frame (a root frame, whose size the type learns).
struct Wrapping {
  csp::Chan<int> in, out;
  bool early_drop;  // the wrapper frees the member's frame in the middle of its body
  bool direct = false;
  // Member frames that landed in a process's frame slot without being its root frame.
  static inline std::atomic<int> members_in_a_slot{0};
  csp::Proc<int> member() const {
    if (csp::detail::tl_current->frame_slot_at != 0) ++members_in_a_slot;
    co_return *co_await in.take();
  }
  csp::Proc<void> relay() const { co_await out.put(*co_await in.take() + 1); }
  static csp::Proc<int> wrap(csp::Proc<int> inner, bool early_drop) {
    int v = 0;
    if (early_drop) {
      csp::Proc<int> owned = std::move(inner);
      v = co_await std::move(owned);
    }  // `owned` (and its frame) is freed here, while the process runs on
    else {
      v = co_await std::move(inner);
    }
    co_return v + 1;
  }
  csp::Proc<void> operator()() const {
    return direct ? relay() : forward_to(out, wrap(member(), early_drop));
  }
};
}  // namespace

// A spawned process's root frame shares its block (see FrameSlot): every shape of callable
// must start, end and free cleanly, also when the frame in the block is not the root frame
// (once per such callable type at most), and when the run ends with processes parked or never
// run. Under ASan this is the test that
// catches a frame freed on its own while it lives in a block.
TEST_CASE("spawned processes of every callable shape end and free cleanly", "[go][spawn]") {
  constexpr long kEach = 40;
  constexpr long kKinds = 6;  // that forward a value; "fails" takes none
  long sum = 0;
  csp::RunResult r = csp::run(deterministic(7), [&] {
    auto in = csp::chan<int>("in", csp::fixed(kKinds * kEach));
    auto out = csp::chan<int>("out", csp::fixed(kKinds * kEach));
    for (long i = 0; i < kEach; ++i) {
      csp::spawn("lambda", [=]() -> csp::Proc<void> { co_await out.put(*co_await in.take()); });
      csp::spawn("returns helper", [=] { return forward_to(out, add_one(in)); });       // +1
      csp::spawn("two frames", [=] { return forward_to(out, add_two(add_one(in))); });  // +2
      // The Wrapping lives in the closure: its member coroutine refers to it.
      csp::spawn("wrapping", [w = Wrapping{in, out, false}] { return w(); });             // +1
      csp::spawn("wrapping, early drop", [w = Wrapping{in, out, true}] { return w(); });  // +1
      // The first learns the root (relay) frame's size; the second puts a member frame in
      // its slot, after which the type gets no slot.
      csp::spawn("member frame in the block", Wrapping{in, out, i % 2 == 0, i == 0});  // +1
      csp::spawn("fails", []() -> csp::Proc<void> {
        throw std::runtime_error("expected");
        co_return;
      });
      // An 8-byte closure and a small frame: the block puts the process first (GoProcess).
      csp::spawn("ends at once", [in]() -> csp::Proc<void> { co_return; });
    }
    for (long i = 0; i < kKinds * kEach; ++i) in.put_blocking(static_cast<int>(i));
    for (long i = 0; i < kKinds * kEach; ++i) sum += *out.take_blocking();
    // Left parked, and never run at all, at the end: freed by the shutdown.
    for (long i = 0; i < kEach; ++i) {
      csp::spawn("parked", [=]() -> csp::Proc<void> { co_await in.take(); });
      csp::spawn("parked member", Wrapping{in, out, true});
      csp::spawn("parked, process first", [in]() -> csp::Proc<void> {
        auto take = in.take();
        co_await take;
      });
    }
  });
  CHECK(r.errors.size() == static_cast<std::size_t>(kEach));
  const long values = kKinds * kEach * (kKinds * kEach - 1) / 2;
  CHECK(sum == values + 6 * kEach);
  CHECK(Wrapping::members_in_a_slot == 1);
}
