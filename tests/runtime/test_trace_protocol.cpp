// The recorded events follow the protocol of docs/trace-format.md ("How the kinds fit
// together"), which the replay relies on. Checked on a mixed workload, traced and loaded back.
#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <map>

using namespace std::chrono_literals;
using csptrace::EventKind;

enum class Colour { Red, Green, Blue };
enum class Celsius : int { Freezing = 0, Boiling = 100 };

template <>
struct csp::Describe<Celsius> {
  static csp::Preview preview(Celsius c) {
    return csp::Preview::of_text(std::to_string(static_cast<int>(c)) + " C");
  }
};

namespace {

void mixed() {
  auto un = csp::chan<int>("unbuffered");
  auto fx = csp::chan<std::string>("fixed", csp::fixed(2));
  auto sl = csp::chan<int>("sliding", csp::sliding(1));
  for (int i = 0; i < 3; ++i) {
    csp::go("producer", [=]() -> csp::Proc<void> {
      for (int k = 0; k < 20; ++k) {
        co_await un.put(k);
        co_await fx.put("item " + std::to_string(k));
        co_await sl.put(k);
      }
    });
  }
  csp::thread("consumer", [=] {
    for (int k = 0; k < 30; ++k) {
      auto r = csp::alts_blocking(csp::take(un), csp::take(fx), csp::take(csp::timeout(200ms)));
      (void)r;
    }
  });
  for (int k = 0; k < 30; ++k) {
    auto r = csp::alts_blocking(csp::take(un), csp::take(fx), csp::take(csp::timeout(200ms)));
    (void)r;
  }
  un.close();
  fx.close();
  csp::mark("closed");
  while (sl.poll()) {
  }
}

void check_protocol(const csptrace::TraceModel& m) {
  REQUIRE(m.complete());
  CHECK(m.end_reason() == csptrace::EndReason::Normal);
  REQUIRE(m.size() > 100);
  CHECK(m.kind(0) == EventKind::Spawn);
  CHECK(m.processes()[0].mode == csptrace::ProcMode::Main);

  // Per process: waits and wakes alternate (park/resume, block/unblock), a process waits only
  // when it is not waiting, and an exit never happens while waiting.
  std::map<uint32_t, EventKind> waiting;  // process index -> park / block
  // Per process: the transfer or close that will wake it must come before the wake.
  std::map<uint32_t, size_t> last_transfer_to;
  for (size_t i = 0; i < m.size(); ++i) {
    const EventKind k = m.kind(i);
    const uint32_t p = m.proc_index(i);
    INFO("event " << i << " " << csptrace::to_string(k));
    if (k == EventKind::Park || k == EventKind::Block) {
      CHECK(waiting.count(p) == 0);
      waiting[p] = k;
    } else if (k == EventKind::Resume || k == EventKind::Unblock) {
      REQUIRE(waiting.count(p) == 1);
      CHECK(waiting[p] == (k == EventKind::Resume ? EventKind::Park : EventKind::Block));
      waiting.erase(p);
    } else if (k == EventKind::Exit) {
      CHECK(waiting.count(p) == 0);
    } else if (k == EventKind::AltOffer) {
      // The process's next events are its alt_guard events, indices 0, 1, ... (on the pool,
      // other processes' events may come in between).
      int32_t index = 0;
      for (size_t j = i + 1; j < m.size(); ++j) {
        if (m.proc_index(j) != p) continue;
        if (m.kind(j) != EventKind::AltGuard) break;
        auto g = m.event(j);
        CHECK(g.index == index++);
        CHECK(g.alt == m.event(i).alt);
      }
      CHECK(index > 0);
    } else if (k == EventKind::Transfer) {
      auto e = m.event(i);
      // A transfer moves a value between two different processes, or from a process to itself
      // through a buffer.
      CHECK((e.from != e.to || e.via == csptrace::Via::Buffer));
    } else if (k == EventKind::TimerFire) {
      // The timer channel's next event is its close, by nobody.
      size_t j = i + 1;
      while (j < m.size() && m.chan_index(j) != m.chan_index(i)) ++j;
      REQUIRE(j < m.size());
      CHECK(m.kind(j) == EventKind::ChanClose);
      CHECK(m.proc_index(j) == csptrace::kNone);
    }
  }
  // Every wake names a partner that was not waiting itself at that moment (except timers).
  for (size_t i = 0; i < m.size(); ++i) {
    const EventKind k = m.kind(i);
    if ((k == EventKind::Resume || k == EventKind::Unblock) &&
        m.partner_index(i) != csptrace::kNone) {
      // the waker's last event before i is not a wait: it is running
      for (size_t j = i; j-- > 0;) {
        if (m.proc_index(j) == m.partner_index(i) &&
            (m.kind(j) == EventKind::Park || m.kind(j) == EventKind::Block ||
             m.kind(j) == EventKind::Resume || m.kind(j) == EventKind::Unblock)) {
          CHECK((m.kind(j) == EventKind::Resume || m.kind(j) == EventKind::Unblock));
          break;
        }
      }
    }
  }
}

}  // namespace

TEST_CASE("traced events follow the protocol on the pool", "[trace]") {
  auto t = rt_test::run_traced(csp::Options{}, mixed, "protocol_pool");
  REQUIRE(t.result.ok());
  check_protocol(t.model);
}

TEST_CASE("traced events follow the protocol on the deterministic scheduler", "[trace]") {
  auto t = rt_test::run_traced(rt_test::deterministic(21), mixed, "protocol_det");
  REQUIRE(t.result.ok());
  check_protocol(t.model);
}

TEST_CASE("a transfer and the wake it causes are one pair: the next seq, the same time",
          "[trace]") {
  constexpr int kRounds = 200;
  auto t = rt_test::run_traced(
      csp::Options{},
      [] {
        auto ping = csp::chan<int>("ping");
        auto pong = csp::chan<int>("pong");
        csp::go("echo", [=]() -> csp::Proc<void> {
          for (int i = 0; i < kRounds; ++i) {
            std::optional<int> v = co_await ping.take();
            co_await pong.put(*v + 1);
          }
        });
        for (int i = 0; i < kRounds; ++i) {
          ping.put_blocking(i);
          pong.take_blocking();
        }
      },
      "pairs");
  REQUIRE(t.result.ok());
  int wakes = 0;
  for (std::size_t i = 1; i < t.model.size(); ++i) {
    const EventKind k = t.model.kind(i);
    if (k != EventKind::Resume && k != EventKind::Unblock) continue;
    const csptrace::Event wake = t.model.event(i);
    const csptrace::Event cause = t.model.event(i - 1);
    REQUIRE(cause.kind == EventKind::Transfer);
    CHECK(cause.seq + 1 == wake.seq);
    CHECK(t.model.time(i - 1) == t.model.time(i));
    CHECK((cause.to == wake.proc || cause.from == wake.proc));
    CHECK(cause.chan == wake.chan);
    ++wakes;
  }
  CHECK(wakes >= kRounds);  // every round wakes at least one side
}

TEST_CASE("the trace header and value previews", "[trace]") {
  struct Point {
    int x, y;
  };
  auto t = rt_test::run_traced(
      csp::Options{},
      [] {
        auto c = csp::chan<std::string>("texts", csp::fixed(2));
        c.put_blocking(std::string(200, 'x'));  // bounded
        auto d = csp::chan<double>("reals", csp::fixed(1));
        d.put_blocking(2.5);
        auto p = csp::chan<Point>("points", csp::fixed(1));
        p.put_blocking(Point{1, 2});
        auto i = csp::chan<short>("shorts", csp::fixed(1));
        i.put_blocking(short{-7});
        auto e = csp::chan<Colour>("colours", csp::fixed(1));
        e.put_blocking(Colour::Blue);
        auto s = csp::chan<Celsius>("temperatures", csp::fixed(1));
        s.put_blocking(Celsius::Freezing);
        auto b = csp::chan<bool>("flags", csp::fixed(1));
        b.put_blocking(true);
      },
      "previews");
  REQUIRE(t.result.ok());
  CHECK(t.model.header().scheduler == "pool");
  CHECK(t.model.header().program == "previews");
  auto puts = rt_test::events_of(t.model, EventKind::BufPut);
  REQUIRE(puts.size() == 7);
  CHECK(t.model.str(t.model.event(puts[0]).value.text).size() == csp::kPreviewMaxChars);
  CHECK(t.model.str(t.model.event(puts[1]).value.text) == "2.5");
  CHECK(t.model.str(t.model.event(puts[2]).value.text) == "<value>");
  CHECK(t.model.event(puts[3]).value == csptrace::Value::integer(-7));
  CHECK(t.model.event(puts[4]).value == csptrace::Value::integer(2));
  // An integer-like type with its own Describe keeps it (the runtime's integer fast path is
  // only for the built-in rules).
  CHECK(t.model.str(t.model.event(puts[5]).value.text) == "0 C");
  CHECK(t.model.event(puts[6]).value == csptrace::Value::integer(1));
}

TEST_CASE("CSP_TRACE switches tracing on without code changes", "[trace]") {
  std::string path = rt_test::temp_trace_path("env");
  ::setenv("CSP_TRACE", path.c_str(), 1);
  csp::RunResult r = csp::run(csp::Options{}, [] { csp::mark("traced by env"); });
  ::unsetenv("CSP_TRACE");
  REQUIRE(r.ok());
  auto m = csptrace::load_trace(path);
  CHECK(rt_test::count_of(m, EventKind::Mark) == 1);
}

TEST_CASE("Options::from_args reads the runtime's flags and leaves the others", "[trace]") {
  const char* argv[] = {"/bin/prog", "--seed", "12",       "--trace=x.jsonl",
                        "--workers", "3",      "--verbose"};
  csp::Options o = csp::Options::from_args(7, argv);
  CHECK(o.seed == 12u);
  CHECK(o.trace_path == "x.jsonl");
  CHECK(o.workers == 3u);
  CHECK(o.program == "prog");
  const char* bad[] = {"prog", "--seed", "twelve"};
  CHECK_THROWS_WITH(csp::Options::from_args(3, bad), Catch::Contains("--seed"));
  const char* missing[] = {"prog", "--trace"};
  CHECK_THROWS_WITH(csp::Options::from_args(2, missing), Catch::Contains("missing value"));
}

TEST_CASE(
    "Options::from_args hands back what it did not take, unknown_flag names a typo "
    "(issue 22: an unknown --trace-ring 16M was silently ignored, now --trace-ring is the "
    "flight recorder's and --trace-size stands for any typo)",
    "[trace]") {
  const char* argv[] = {"prog", "--rounds", "5", "--seed=3", "--trace-size", "16M", "--", "--x"};
  csp::Options o = csp::Options::from_args(8, argv);
  CHECK(o.seed == 3u);
  CHECK(o.rest == std::vector<std::string>{"--rounds", "5", "--trace-size", "16M", "--", "--x"});
  const std::string bad = o.unknown_flag({"--rounds"});
  CHECK(bad.starts_with("unknown flag --trace-size; did you mean --trace-ring?"));
  CHECK(bad.find("--rounds") != std::string::npos);  // the program's flags are listed too
  // A flag of the program's own passes, as do plain words and everything after "--".
  const char* fine[] = {"prog", "--rounds=5", "input.txt", "--", "--anything"};
  CHECK(csp::Options::from_args(5, fine).unknown_flag({"--rounds"}).empty());
  const char* typo[] = {"prog", "--round", "5"};
  CHECK(csp::Options::from_args(3, typo)
            .unknown_flag({"--rounds"})
            .starts_with("unknown flag --round; did you mean --rounds?"));
}

TEST_CASE("a result channel's chan_make names its owner", "[protocol]") {
  csp::Options opt;
  opt.seed = 1;
  auto t = rt_test::run_traced(
      opt,
      [] {
        auto res = csp::go("answer", []() -> csp::Proc<int> { co_return 42; });
        res.take_blocking();
      },
      "result-owner");
  const auto& m = t.model;
  uint32_t answer = csptrace::kNone;
  for (uint32_t p = 0; p < m.processes().size(); ++p)
    if (m.str(m.processes()[p].name) == "answer") answer = p;
  REQUIRE(answer != csptrace::kNone);
  bool found = false;
  for (const auto& c : m.channels())
    if (m.str(c.name) == "result of answer") {
      found = true;
      REQUIRE(c.result_of == answer);
    }
  REQUIRE(found);
}
