// csp::dump_state and the snapshot it writes (issue 25): the replay of a dump reaches the same
// state as the replay of the run's full trace at the instant of the dump, which the full trace
// marks; a damaged snapshot is refused naming where; a dump needs the run's dump support.
#include "trace_helpers.hpp"

#include <csptrace/replay_state.hpp>
#include <csptrace/trace_error.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <sstream>

using namespace std::chrono_literals;
using csptrace::EventKind;
using csptrace::ProcState;
using csptrace::ReplayState;
using csptrace::TraceModel;

namespace {

ReplayState replay_to(const TraceModel& m, size_t steps) {
  ReplayState s = csptrace::initial_state(m);
  while (s.steps < steps) csptrace::advance(m, s);
  return s;
}

// A process's state in words that do not depend on the trace's numbering: waiting how, on
// what (op, channel names, a put's value, line), or "active" (running or runnable).
std::string proc_words(const TraceModel& m, const ReplayState& s, uint32_t p) {
  const csptrace::ProcessState& ps = s.processes[p];
  if (!csptrace::is_waiting(ps.state) || ps.wait.completed) return "active";
  std::ostringstream o;
  o << csptrace::to_string(ps.state) << " " << csptrace::to_string(ps.wait.op);
  if (ps.wait.chan != csptrace::kNone)
    o << " " << m.str(m.channels()[ps.wait.chan].name) << " " << m.value_text(ps.wait.value);
  for (const csptrace::Guard& g : ps.wait.guards)
    o << " [" << csptrace::to_string(g.op) << " " << m.str(m.channels()[g.chan].name) << " "
      << m.value_text(g.value) << "]";
  o << " at " << m.str(ps.wait.loc);
  return o.str();
}

std::string chan_words(const TraceModel& m, const ReplayState& s, uint32_t c) {
  const csptrace::ChannelState& cs = s.channels[c];
  std::ostringstream o;
  o << (cs.closed ? "closed" : "open") << (cs.timer_armed ? " armed" : "") << " [";
  for (const auto& b : cs.buffer) o << m.value_text(b.value) << " ";
  o << "] putters " << cs.putters.size() << " takers " << cs.takers.size();
  return o.str();
}

// Live processes and made channels by name (the runtime's own left out), in words.
std::map<std::string, std::string> words(const TraceModel& m, const ReplayState& s) {
  std::map<std::string, std::string> out;
  for (uint32_t p = 0; p < m.processes().size(); ++p)
    if (csptrace::is_live(s.processes[p].state) &&
        m.processes()[p].role != csptrace::ProcRole::Internal)
      out["process " + std::string(m.str(m.processes()[p].name))] = proc_words(m, s, p);
  for (uint32_t c = 0; c < m.channels().size(); ++c)
    if (s.channels[c].made)
      out["channel " + std::string(m.str(m.channels()[c].name))] = chan_words(m, s, c);
  return out;
}

}  // namespace

TEST_CASE("the replay of a dump is the replay of the full trace at the dump's instant",
          "[dump][replay]") {
  csp::Options opt;
  opt.seed = 3;
  opt.dump_on_signal = true;
  const std::string dump = rt_test::temp_trace_path("dump");
  std::string written;
  rt_test::TracedRun run = rt_test::run_traced(
      opt,
      [&] {
        auto box = csp::chan<std::string>("box", csp::fixed(3));
        box.put_blocking("ketchup");
        box.put_blocking("mustard");
        auto spent = csp::chan<int>("spent", csp::fixed(2));
        spent.put_blocking(1);
        spent.close();
        auto in = csp::chan<int>("in");
        auto out = csp::chan<int>("out");
        auto hand = csp::chan<int>("hand");
        auto never = csp::chan<int>("never");
        csp::spawn("chooser", [=]() -> csp::Proc<void> {
          (void)co_await csp::alts(csp::take(in), csp::put(out, 7), csp::take(csp::timeout(1h)));
        });
        csp::spawn("giver", [=]() -> csp::Proc<void> { (void)co_await hand.put(42); });
        csp::spawn("sleeper", [=]() -> csp::Proc<void> { (void)co_await csp::timeout(2h).take(); });
        csp::Chan<csp::Unit> blocker = csp::thread("blocker", [=] { (void)never.take_blocking(); });
        (void)csp::timeout(1ms).take_blocking();  // everyone else parks or blocks meanwhile
        written = csp::dump_state(dump).path;
        never.close();
        (void)blocker.take_blocking();
      },
      "dump-replay");
  REQUIRE(run.result.ok());
  REQUIRE(written == dump);

  const TraceModel& full = run.model;
  size_t at = csptrace::kNone;
  for (size_t i = 0; i < full.size(); ++i)
    if (full.kind(i) == EventKind::Mark &&
        full.str(full.event(i).label) == "snapshot: state written to " + dump)
      at = i;
  REQUIRE(at != csptrace::kNone);

  TraceModel snap = csptrace::load_trace(dump);
  REQUIRE(snap.complete());
  CHECK(snap.end_reason() == csptrace::EndReason::Snapshot);
  CHECK_THAT(snap.header().snapshot, Catch::StartsWith("csp::dump_state to process"));
  CHECK(snap.header().scheduler == "deterministic");

  const auto expected = words(full, replay_to(full, at + 1));
  const auto got = words(snap, replay_to(snap, snap.size()));
  // The same live processes in the same states; every channel of the dump as the full trace
  // has it (the full trace also has the channels freed before the dump: no event says so).
  auto processes = [](const std::map<std::string, std::string>& all) {
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : all)
      if (k.rfind("process ", 0) == 0) out[k] = v;
    return out;
  };
  CHECK(processes(got) == processes(expected));
  for (const auto& [k, v] : got) {
    CAPTURE(k);
    REQUIRE(expected.count(k) == 1);
    CHECK(v == expected.at(k));
  }
  // The states the test set out to have.
  CHECK_THAT(got.at("process chooser"), Catch::StartsWith("parked alts [take in ] [put out 7]"));
  CHECK_THAT(got.at("process giver"), Catch::StartsWith("parked put hand 42 at"));
  CHECK_THAT(got.at("process sleeper"), Catch::StartsWith("sleeping take timeout"));
  CHECK_THAT(got.at("process blocker"), Catch::StartsWith("blocked take never"));
  CHECK(got.at("channel box") == "open [\"ketchup\" \"mustard\" ] putters 0 takers 0");
  CHECK(got.at("channel spent") == "closed [1 ] putters 0 takers 0");
  std::filesystem::remove(dump);
  std::filesystem::remove(run.path);
}

TEST_CASE("a damaged snapshot is refused, naming the line and the missing channel", "[dump]") {
  csp::Options opt;
  opt.seed = 1;
  opt.dump_on_signal = true;
  const std::string dump = rt_test::temp_trace_path("damaged");
  csp::RunResult r = csp::run(opt, [&] {
    auto never = csp::chan<int>("never");
    csp::spawn("waiter", [=]() -> csp::Proc<void> { (void)co_await never.take(); });
    (void)csp::timeout(1ms).take_blocking();
    csp::dump_state(dump);
  });
  REQUIRE(r.ok());
  // Leave out the chan_make of "never": the park then names a channel the snapshot never made.
  std::ifstream in(dump);
  std::string text, line;
  while (std::getline(in, line))
    if (line.find("\"chan_make\"") == std::string::npos ||
        line.find("\"never\"") == std::string::npos)
      text += line + "\n";
  in.close();
  std::ofstream(dump) << text;
  try {
    (void)csptrace::load_trace(dump);
    FAIL("the damaged snapshot loaded");
  } catch (const csptrace::TraceError& e) {
    CHECK_THAT(e.what(), Catch::Contains(dump + ":"));
    CHECK_THAT(e.what(), Catch::Contains("refers to a channel that no earlier chan_make"));
  }
  std::filesystem::remove(dump);
}

TEST_CASE("csp::dump_state needs a run with dumps on, and says so", "[dump]") {
  std::string message;
  csp::Options opt;
  opt.seed = 1;
  csp::RunResult r = csp::run(opt, [&] {
    try {
      csp::dump_state();
    } catch (const std::runtime_error& e) {
      message = e.what();
    }
  });
  REQUIRE(r.ok());
  CHECK_THAT(message, Catch::Contains("dump_on_signal"));
  CHECK_THROWS_WITH(csp::dump_state(), Catch::Contains("outside csp::run"));
}

TEST_CASE("dumps taken while the pool runs a busy program are whole snapshots", "[dump][pool]") {
  csp::Options opt;
  opt.dump_on_signal = true;
  opt.workers = 2;
  std::vector<std::string> dumps;
  csp::RunResult r = csp::run(opt, [&] {
    auto ping = csp::chan<int>("ping");
    auto pong = csp::chan<int>("pong", csp::fixed(4));
    auto stop = csp::chan<int>("stop");
    for (int k = 0; k < 4; ++k) {
      csp::spawn("echo", [=]() -> csp::Proc<void> {
        while (auto v = co_await ping.take()) co_await pong.put(*v);
      });
      csp::spawn("counter", [=]() -> csp::Proc<void> {
        for (int i = 0;; ++i) {
          auto got = co_await csp::alts(csp::put(ping, i), csp::take(stop));
          if (got.index == 1) co_return;
          (void)co_await pong.take();
        }
      });
    }
    for (int n = 0; n < 20; ++n)
      dumps.push_back(csp::dump_state(rt_test::temp_trace_path("busy")).path);
    stop.close();
    ping.close();
  });
  REQUIRE(r.ok());
  for (const std::string& d : dumps) {
    TraceModel m = csptrace::load_trace(d);  // every reference resolves, or this throws
    REQUIRE(m.complete());
    const ReplayState s = replay_to(m, m.size());
    // The channel invariants hold in the cut (channel_core.hpp): not both putters and takers
    // wait; takers wait only on an empty buffer, putters on a fixed one only when it is full.
    for (uint32_t c = 0; c < m.channels().size(); ++c) {
      const csptrace::ChannelState& cs = s.channels[c];
      CHECK((cs.putters.empty() || cs.takers.empty()));
      if (!cs.takers.empty()) CHECK(cs.buffer.size() == 0);
      if (!cs.putters.empty() && m.channels()[c].buffer == csptrace::BufferKind::Fixed)
        CHECK(cs.level() == m.channels()[c].cap);
    }
    std::filesystem::remove(d);
  }
}
