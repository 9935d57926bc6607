// Verdicts on recorded runs: the reproductions of issue 19 ("the right verdict and the right
// reason"), each a whole program run under the deterministic scheduler, traced and analysed.
#include "trace_helpers.hpp"

#include <csptrace/analysis.hpp>
#include <csptrace/event_format.hpp>
#include <csptrace/replay.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using csptrace::FindingKind;
using csptrace::Severity;

namespace {

struct Verdict {
  rt_test::TracedRun run;
  std::vector<csptrace::Finding> findings;
  std::string all_text;  // every explanation, for "nobody names X" checks
};

template <class F>
Verdict judged(uint64_t seed, F&& main, const std::string& stem) {
  Verdict v{rt_test::run_traced(rt_test::deterministic(seed), std::forward<F>(main), stem), {}, {}};
  const csptrace::Replay replay(v.run.model);
  v.findings = csptrace::analyze(replay);
  for (const auto& f : v.findings) v.all_text += f.explanation + "\n";
  return v;
}

const csptrace::Finding* first_of(const Verdict& v, FindingKind k) {
  for (const auto& f : v.findings)
    if (f.kind == k) return &f;
  return nullptr;
}

std::vector<std::string> names(const Verdict& v, const std::vector<uint32_t>& ps) {
  std::vector<std::string> out;
  for (uint32_t p : ps) out.push_back(csptrace::process_label(v.run.model, p));
  return out;
}

// The first reproduction of issue 19: P2 gets the lock token (a one-token channel) straight
// from P1's put while parked when contended, from the buffer when not; the same cycle
// P2 -> ch -> P3 -> mu -> P2 either way.
auto lock_cycle(bool contended) {
  return [contended]() -> csp::Proc<void> {
    auto mu = csp::chan<int>("mu", csp::fixed(1));
    mu.offer(1);
    auto ch = csp::chan<int>("ch");
    csp::spawn("P1", [=]() -> csp::Proc<void> {
      auto t = co_await mu.take();
      co_await csp::timeout(1ms).take();
      co_await ch.put(1);
      co_await mu.put(*t);
    });
    csp::spawn("P2", [=]() -> csp::Proc<void> {
      co_await csp::timeout(contended ? 100us : 2ms).take();
      auto t = co_await mu.take();
      co_await ch.put(2);
      co_await mu.put(*t);
    });
    csp::spawn("P3", [=]() -> csp::Proc<void> {
      co_await ch.take();
      co_await csp::timeout(contended ? 0ms : 3ms).take();
      auto t = co_await mu.take();
      co_await mu.put(*t);
    });
    co_await csp::timeout(10ms).take();
  };
}

size_t direct_transfers_on(const csptrace::TraceModel& m, const std::string& chan) {
  size_t n = 0;
  for (size_t i = 0; i < m.size(); ++i)
    if (m.kind(i) == csptrace::EventKind::Transfer &&
        m.str(m.channels()[m.chan_index(i)].name) == chan &&
        m.event(i).via == csptrace::Via::Direct)
      ++n;
  return n;
}

}  // namespace

TEST_CASE("issue 19: a lock/channel cycle is a wait-cycle with and without a hand-off",
          "[verdict][analysis]") {
  for (bool contended : {true, false}) {
    const Verdict v = judged(1, lock_cycle(contended), contended ? "handoff" : "buffered");
    INFO((contended ? "contended" : "uncontended") << "\n" << v.all_text);
    // The two runs really differ in how P2 got the token.
    if (contended)
      REQUIRE(direct_transfers_on(v.run.model, "mu") > 0);
    else
      REQUIRE(direct_transfers_on(v.run.model, "mu") == 0);
    const csptrace::Finding* cycle = first_of(v, FindingKind::WaitCycle);
    REQUIRE(cycle != nullptr);
    REQUIRE(cycle->severity == Severity::Error);
    std::vector<std::string> members = names(v, cycle->processes);
    std::sort(members.begin(), members.end());
    REQUIRE(members == std::vector<std::string>{"P2", "P3"});
    REQUIRE_THAT(cycle->explanation, Catch::Contains("holds a value taken from it"));
  }
}

TEST_CASE(
    "issue 19: a process waiting for its own later close is not a cycle, and the runtime's "
    "join thread is never named",
    "[verdict][analysis]") {
  const Verdict v = judged(
      1,
      []() -> csp::Proc<void> {
        auto stopped = csp::chan<csp::Unit>("stopped");
        csp::spawn("loop", [=]() -> csp::Proc<void> {
          co_await stopped.take();
          stopped.close();
        });
        co_await stopped.take();
      },
      "self_wait");
  INFO(v.all_text);
  REQUIRE(v.run.result.status == csp::RunStatus::Deadlock);
  REQUIRE(first_of(v, FindingKind::WaitCycle) == nullptr);
  REQUIRE(first_of(v, FindingKind::GlobalDeadlock) != nullptr);
  REQUIRE_THAT(v.all_text, Catch::Contains("all wait on it themselves"));
  for (const auto& f : v.findings)
    for (const std::string& name : names(v, f.processes)) REQUIRE(name != "run");
  REQUIRE(v.all_text.find("run.hpp") == std::string::npos);
  for (const csp::StuckProcess& s : v.run.result.stuck) REQUIRE(s.process != "run");
}

TEST_CASE("issue 19: two putters on a full buffer nobody reads: the buffer is full, no cycle",
          "[verdict][analysis]") {
  const Verdict v = judged(
      1,
      [] {
        auto box = csp::chan<int>("box", csp::fixed(1));
        csp::spawn("a", [=]() -> csp::Proc<void> {
          co_await box.put(1);
          co_await box.put(2);
        });
        csp::spawn("b", [=]() -> csp::Proc<void> { co_await box.put(3); });
        csp::timeout(1ms).take_blocking();
      },
      "full_buffer");
  INFO(v.all_text);
  REQUIRE(first_of(v, FindingKind::WaitCycle) == nullptr);
  REQUIRE(first_of(v, FindingKind::BlockedAtExit) != nullptr);
  REQUIRE_THAT(v.all_text, Catch::Contains("The buffer of \"box\" is full (1 of 1) and nobody "
                                           "ever took from it"));
}

TEST_CASE("issue 19: a process parked forever at a normal exit is an error unless a daemon",
          "[verdict][analysis]") {
  for (bool daemon : {false, true}) {
    const Verdict v = judged(
        2,
        [daemon] {
          auto log = csp::chan<std::string>("log", csp::fixed(4));
          auto body = [=]() -> csp::Proc<void> {
            while (auto line = co_await log.take()) {
            }
          };
          if (daemon)
            csp::spawn("logger", body, csp::daemon);
          else
            csp::spawn("logger", body);
          log.put_blocking("started");
          csp::timeout(1ms).take_blocking();
        },
        daemon ? "daemon" : "leaked");
    INFO(v.all_text);
    REQUIRE(v.run.result.ok());
    if (daemon) {
      REQUIRE(v.findings.empty());
      REQUIRE(v.run.model.processes()[1].role == csptrace::ProcRole::Daemon);
    } else {
      const csptrace::Finding* f = first_of(v, FindingKind::BlockedAtExit);
      REQUIRE(f != nullptr);
      REQUIRE(f->severity == Severity::Error);
      REQUIRE(names(v, f->processes) == std::vector<std::string>{"logger"});
    }
  }
}

TEST_CASE("a process records the channels its callable captured", "[verdict][trace]") {
  const rt_test::TracedRun t = rt_test::run_traced(
      rt_test::deterministic(1),
      [] {
        auto a = csp::chan<int>("a"), b = csp::chan<int>("b"), unused = csp::chan<int>("unused");
        csp::go("holder", [=]() -> csp::Proc<void> {
          a.offer(1);
          b.offer(2);
          co_return;
        }).take_blocking();
        (void)unused;
      },
      "handles");
  std::vector<std::string> held;
  for (size_t i = 0; i < t.model.size(); ++i)
    if (t.model.kind(i) == csptrace::EventKind::Handle) {
      REQUIRE(csptrace::process_label(t.model, t.model.proc_index(i)) == "holder");
      held.emplace_back(t.model.str(t.model.channels()[t.model.chan_index(i)].name));
    }
  std::sort(held.begin(), held.end());
  REQUIRE(held == std::vector<std::string>{"a", "b"});
}
