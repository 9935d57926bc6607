// Replay: the state after each event follows the protocol of docs/trace-format.md, and random
// access through checkpoints (forward, backward, by cursor) gives exactly the state a replay
// from scratch gives.
#include "model_lookup.hpp"
#include "random_trace.hpp"

#include <csptrace/event_format.hpp>
#include <csptrace/replay.hpp>
#include <csptrace/replay_cursor.hpp>
#include <csptrace/trace_reader.hpp>
#include <csptrace/wait_text.hpp>

#include <catch2/catch.hpp>

#include <random>

using namespace csptrace;
using test_lookup::chan_named;
using test_lookup::proc_named;

namespace {

TraceModel fixture(const std::string& name) {
  return load_trace(std::string(CSP_FIXTURES) + "/" + name);
}

// Index of the event with sequence number seq.
size_t at_seq(const TraceModel& m, uint64_t seq) {
  for (size_t i = 0; i < m.size(); ++i)
    if (m.seq(i) == seq) return i;
  FAIL("no event with seq " << seq);
  return kNone;
}

ReplayState from_scratch(const TraceModel& m, size_t steps) {
  ReplayState s = initial_state(m);
  while (s.steps < steps) advance(m, s);
  return s;
}

}  // namespace

TEST_CASE("replaying the hot dog machine: a rendezvous step by step", "[replay]") {
  const TraceModel m = fixture("hotdog.jsonl");
  const Replay r(m);
  const uint32_t main = proc_named(m, "main"), machine = proc_named(m, "hot-dog-machine");
  const uint32_t in = chan_named(m, "in");

  const ReplayState before = r.initial_state();
  REQUIRE(before.steps == 0);
  REQUIRE(before.last_event() == kNone);
  REQUIRE(before.processes[main].state == ProcState::NotStarted);
  REQUIRE_FALSE(before.channels[in].made);

  ReplayState s = r.state_at(at_seq(m, 5));  // machine parks to take from in
  REQUIRE(s.processes[machine].state == ProcState::Parked);
  REQUIRE(s.processes[machine].wait.op == WaitOp::Take);
  REQUIRE(s.processes[machine].wait.chan == in);
  REQUIRE(m.str(s.processes[machine].wait.loc) == "hotdog.cpp:17");
  REQUIRE(s.processes[machine].since == at_seq(m, 5));
  REQUIRE(s.channels[in].takers.size() == 1);
  REQUIRE(s.channels[in].takers[0].proc == machine);

  s = r.state_at(at_seq(m, 7));  // the transfer serves the taker; the wake follows
  REQUIRE(s.processes[machine].state == ProcState::Parked);
  REQUIRE(s.processes[machine].wait.completed);
  REQUIRE(s.channels[in].takers.empty());
  REQUIRE(s.processes[main].state == ProcState::Running);

  s = r.state_at(at_seq(m, 8));
  REQUIRE(s.processes[machine].state == ProcState::Runnable);
  s = r.state_at(at_seq(m, 9));  // main blocks (a thread holds its OS thread)
  REQUIRE(s.processes[main].state == ProcState::Blocked);

  s = r.state_at(at_seq(m, 24));
  REQUIRE(s.channels[in].closed);
  REQUIRE(r.final_state().processes[machine].state == ProcState::ExitedOk);
  REQUIRE(r.final_state().ended);
}

TEST_CASE("a wake's cause is the event that completed the wait", "[replay]") {
  const TraceModel m = fixture("hotdog.jsonl");
  const Replay r(m);
  REQUIRE(r.wake_cause(at_seq(m, 8)) == at_seq(m, 7));    // resume of the machine <- transfer
  REQUIRE(r.wake_cause(at_seq(m, 11)) == at_seq(m, 10));  // unblock of main <- transfer
  REQUIRE(r.wake_cause(at_seq(m, 7)) == kNone);           // not a wake
  // Every wake of a random run has a cause before it that names the woken process.
  const TraceModel rt = testing::random_trace(3, 2000);
  const Replay rr(rt, 64);
  size_t wakes = 0;
  for (size_t k = 0; k < rt.size(); ++k) {
    if (rt.kind(k) != EventKind::Resume && rt.kind(k) != EventKind::Unblock) continue;
    ++wakes;
    const size_t cause = rr.wake_cause(k);
    REQUIRE(cause < k);
    const uint32_t p = rt.proc_index(k);
    const EventKind ck = rt.kind(cause);
    const bool names_p = rt.proc_index(cause) == p || rt.to_index(cause) == p ||
                         rt.from_index(cause) == p || ck == EventKind::ChanClose;
    REQUIRE(names_p);
  }
  REQUIRE(wakes > 0);
}

TEST_CASE("replay keeps buffer contents and waiting queues in order", "[replay]") {
  const TraceModel m = fixture("finding-wait-cycle.jsonl");
  const Replay r(m);
  const uint32_t fork0 = chan_named(m, "fork-0"), phil0 = proc_named(m, "phil-0");
  ReplayState s = r.state_at(at_seq(m, 8));
  REQUIRE(s.channels[fork0].level() == 1);
  REQUIRE(s.channels[fork0].buffer[0].putter == phil0);
  REQUIRE(m.value_text(s.channels[fork0].buffer[0].value) == "\"fork\"");
  s = r.state_at(at_seq(m, 11));
  REQUIRE(s.channels[fork0].level() == 0);
  const ReplayState& end = r.final_state();
  REQUIRE(end.channels[fork0].takers.size() == 1);
  REQUIRE(end.channels[fork0].takers[0].proc == proc_named(m, "phil-1"));
}

TEST_CASE("an alt waits on every guard and leaves them all when one completes", "[replay][alts]") {
  const TraceModel m = fixture("finding-dead-alt.jsonl");
  const Replay r(m);
  const uint32_t server = proc_named(m, "server");
  const uint32_t requests = chan_named(m, "requests"), quit = chan_named(m, "quit");
  ReplayState s = r.state_at(at_seq(m, 9));
  REQUIRE(s.processes[server].state == ProcState::Parked);
  REQUIRE(s.processes[server].wait.op == WaitOp::Alts);
  REQUIRE(s.processes[server].wait.guards.size() == 2);
  REQUIRE(s.channels[requests].takers.size() == 1);
  REQUIRE(s.channels[quit].takers.size() == 1);
  REQUIRE(s.channels[quit].takers[0].in_alt());
  REQUIRE(wait_text(m, s.processes[server].wait) == "take from \"requests\" or take from \"quit\"");
  s = r.state_at(at_seq(m, 11));  // alt_choice: served, not yet woken
  REQUIRE(s.processes[server].wait.completed);
  REQUIRE(s.channels[requests].takers.empty());
  REQUIRE(s.channels[quit].takers.empty());
}

TEST_CASE("an alt's words name kNamedInText guards and count the rest", "[replay][alts]") {
  // An alt may offer a million guards (issue 21's hostile shape): its words in a finding, a lane
  // or a panel were once megabytes long.
  const TraceModel m = fixture("finding-dead-alt.jsonl");
  const uint32_t requests = chan_named(m, "requests"), quit = chan_named(m, "quit");
  Wait w;
  w.op = WaitOp::Alts;
  for (size_t i = 0; i < kNamedInText + 5; ++i)
    w.guards.push_back({WaitOp::Take, i % 2 ? quit : requests});
  const std::string text = wait_text(m, w);
  CHECK(text.rfind("take from \"requests\", take from \"quit\", ", 0) == 0);
  size_t named = 0;
  for (size_t at = text.find("take from"); at != std::string::npos;
       at = text.find("take from", at + 1))
    ++named;
  CHECK(named == kNamedInText);
  CHECK(text.size() - text.rfind(" or any of 5 more guards") ==
        std::string(" or any of 5 more guards").size());
  Wait exactly;
  exactly.op = WaitOp::Alts;
  for (size_t i = 0; i < kNamedInText; ++i) exactly.guards.push_back({WaitOp::Take, requests});
  CHECK(wait_text(m, exactly).find("more guards") == std::string::npos);
}

TEST_CASE("timers: a process waiting on a timer channel sleeps until it fires", "[replay]") {
  const TraceModel pending = fixture("finding-predicted-sleeper.jsonl");
  const Replay r(pending);
  REQUIRE(r.final_state().processes[proc_named(pending, "main")].state == ProcState::Sleeping);
  REQUIRE(r.final_state().armed_timers == 1);

  const TraceModel fired = fixture("finding-timeout-masked-loss.jsonl");
  const Replay f(fired);
  ReplayState s = f.state_at(at_seq(fired, 11));  // timer fired and closed: the alt is served
  REQUIRE(s.armed_timers == 0);
  REQUIRE(s.channels[chan_named(fired, "timeout")].closed);
  REQUIRE(s.processes[proc_named(fired, "main")].wait.completed);
}

TEST_CASE("the timeline: state intervals, occupancy steps and rendezvous", "[replay][timeline]") {
  const TraceModel m = fixture("hotdog.jsonl");
  const Replay r(m);
  const Timeline& t = r.timeline();
  const uint32_t machine = proc_named(m, "hot-dog-machine"), in = chan_named(m, "in");
  const auto& iv = t.intervals(machine);
  REQUIRE(iv.front().state == ProcState::Runnable);
  REQUIRE(iv.front().t_begin == 2000);
  REQUIRE(iv[1].state == ProcState::Parked);
  REQUIRE(iv[1].chan == in);
  REQUIRE(iv.back().state == ProcState::ExitedOk);
  REQUIRE(iv.back().t_end == t.end_time());
  for (size_t k = 1; k < iv.size(); ++k) {
    REQUIRE(iv[k - 1].t_end == iv[k].t_begin);
    REQUIRE(iv[k - 1].end_event == iv[k].cause);
  }
  REQUIRE(t.rendezvous().size() == 6);
  REQUIRE(t.rendezvous()[0].from == proc_named(m, "main"));
  REQUIRE(t.rendezvous()[0].chan == in);
  REQUIRE(t.first_rendezvous_from(5001) == 1);
  REQUIRE(t.first_interval_from(machine, 3500) == 1);
  const auto& occ = t.occupancy(in);
  REQUIRE(occ[t.occupancy_at(in, 3500)].takers == 1);
  REQUIRE(occ[t.occupancy_at(in, 6000)].takers == 0);
}

TEST_CASE("checkpointed random access equals a replay from scratch", "[replay][property]") {
  std::vector<TraceModel> traces;
  for (const char* f : {"hotdog.jsonl", "finding-wait-cycle.jsonl", "finding-dead-alt.jsonl",
                        "finding-timeout-masked-loss.jsonl", "finding-global-deadlock.jsonl"})
    traces.push_back(fixture(f));
  traces.push_back(testing::random_trace(7, 3000));
  traces.push_back(testing::random_trace(42, 3000));
  std::mt19937_64 rng(1);
  for (const TraceModel& m : traces) {
    INFO(m.source());
    for (size_t interval : {size_t(1), size_t(5), size_t(64)}) {
      const Replay r(m, interval);
      for (int n = 0; n < 40; ++n) {
        const size_t k = rng() % m.size();
        REQUIRE(r.state_at(k) == from_scratch(m, k + 1));
      }
      REQUIRE(r.final_state() == from_scratch(m, m.size()));
      REQUIRE(r.state_at_step(0) == initial_state(m));
    }
  }
}

TEST_CASE("stepping a cursor backward visits the states stepping forward visited",
          "[replay][property]") {
  for (uint64_t seed : {3u, 11u}) {
    const TraceModel m = testing::random_trace(seed, 2000);
    const Replay r(m, 50);
    ReplayCursor c(r);
    std::vector<ReplayState> forward{c.state()};
    while (c.next()) forward.push_back(c.state());
    REQUIRE(c.at_end());
    REQUIRE(forward.size() == m.size() + 1);
    for (size_t k = forward.size(); k-- > 0;) {
      REQUIRE(c.state() == forward[k]);
      REQUIRE(c.steps() == k);
      if (k > 0) REQUIRE(c.prev());
    }
    REQUIRE_FALSE(c.prev());
    c.seek_event(m.size() / 2);
    REQUIRE(c.state() == forward[m.size() / 2 + 1]);
    c.to_end();
    REQUIRE(c.state() == r.final_state());
  }
}

TEST_CASE("the cursor steps from rendezvous to rendezvous", "[replay]") {
  const TraceModel m = fixture("hotdog.jsonl");
  const Replay r(m);
  ReplayCursor c(r);
  size_t seen = 0;
  while (c.next_rendezvous()) {
    REQUIRE(m.kind(c.event()) == EventKind::Transfer);
    ++seen;
  }
  REQUIRE(seen == 6);
  REQUIRE(c.prev_rendezvous());
  REQUIRE(c.event() == r.timeline().rendezvous()[4].event);
  c.to_start();
  REQUIRE_FALSE(c.prev_rendezvous());
}

TEST_CASE("the random trace exercises every part of the protocol", "[replay][property]") {
  const TraceModel m = testing::random_trace(7, 3000);
  std::vector<size_t> count(kKindCount, 0);
  for (size_t i = 0; i < m.size(); ++i) ++count[static_cast<size_t>(m.kind(i))];
  for (EventKind k : {EventKind::Park, EventKind::Resume, EventKind::Transfer, EventKind::BufPut,
                      EventKind::BufTake, EventKind::BufDrop, EventKind::AltChoice,
                      EventKind::ChanClose, EventKind::TimerFire, EventKind::Refused}) {
    INFO(to_string(k));
    REQUIRE(count[static_cast<size_t>(k)] > 10);
  }
}

TEST_CASE("a replay that keeps only the end state ends in the same state as a full one",
          "[replay]") {
  for (uint64_t seed : {5u, 11u, 23u}) {
    const TraceModel m = testing::random_trace(seed, 3000);
    const Replay full(m);
    const Replay lean(m, Replay::kDefaultCheckpointInterval, Replay::Keep::EndState);
    CHECK(lean.final_state() == full.final_state());
    CHECK(lean.timeline().rendezvous().empty());
    CHECK(lean.state_at(m.size() / 2) == full.state_at(m.size() / 2));  // from the start
  }
}

TEST_CASE("a replay that keeps the timeline without checkpoints has the full one", "[replay]") {
  // Keep::Timeline is what the SQL tables are written from: every interval, occupancy step and
  // rendezvous must be those of the full replay, field by field.
  for (uint64_t seed : {5u, 17u, 31u}) {
    const TraceModel m = testing::random_trace(seed, 3000);
    const Replay full(m);
    const Replay lean(m, Replay::kDefaultCheckpointInterval, Replay::Keep::Timeline);
    CHECK(lean.final_state() == full.final_state());
    const Timeline &a = lean.timeline(), &b = full.timeline();
    REQUIRE(a.end_time() == b.end_time());
    size_t intervals = 0;
    for (uint32_t p = 0; p < m.processes().size(); ++p) {
      REQUIRE(a.intervals(p).size() == b.intervals(p).size());
      for (size_t k = 0; k < a.intervals(p).size(); ++k) {
        const StateInterval x = a.intervals(p)[k], y = b.intervals(p)[k];
        REQUIRE((x.t_begin == y.t_begin && x.t_end == y.t_end && x.chan == y.chan &&
                 x.cause == y.cause && x.end_event == y.end_event && x.state == y.state &&
                 x.op == y.op));
        ++intervals;
      }
    }
    for (uint32_t c = 0; c < m.channels().size(); ++c) {
      REQUIRE(a.occupancy(c).size() == b.occupancy(c).size());
      for (size_t k = 0; k < a.occupancy(c).size(); ++k) {
        const OccupancyStep x = a.occupancy(c)[k], y = b.occupancy(c)[k];
        REQUIRE((x.event == y.event && x.level == y.level && x.putters == y.putters &&
                 x.takers == y.takers));
      }
    }
    REQUIRE(a.rendezvous().size() == b.rendezvous().size());
    for (size_t k = 0; k < a.rendezvous().size(); ++k)
      REQUIRE(a.rendezvous()[k].event == b.rendezvous()[k].event);
    CHECK(intervals > m.processes().size());
    CHECK(lean.state_at(m.size() / 2) == full.state_at(m.size() / 2));  // from the start
  }
}

TEST_CASE("a queued waiter offers the value its park or alt guard recorded", "[replay][property]") {
  // Waiter keeps only who waits and as which guard; its value and park come from the process's
  // wait. Checked against the events themselves: the park (or block) and, for an alt, the
  // alt_guard events that precede it, on random traces at every step.
  for (uint64_t seed : {3u, 11u, 29u}) {
    const TraceModel m = testing::random_trace(seed, 2000);
    ReplayState s = initial_state(m);
    size_t checked_alts = 0, checked_puts = 0;
    while (s.steps < m.size()) {
      advance(m, s);
      for (uint32_t c = 0; c < s.channels.size(); ++c)
        for (const auto* q : {&s.channels[c].putters, &s.channels[c].takers})
          for (const Waiter& w : *q) {
            const size_t park = waiter_since(s, w);
            REQUIRE(park < s.steps);
            REQUIRE((m.kind(park) == EventKind::Park || m.kind(park) == EventKind::Block));
            REQUIRE(m.proc_index(park) == w.proc);
            const Event e = m.event(park);
            if (!w.in_alt()) {
              REQUIRE(m.chan_index(park) == c);
              if (q == &s.channels[c].putters) {
                REQUIRE(waiter_value(s, w) == e.value);
                ++checked_puts;
              }
              continue;
            }
            // The alt's guards are the alt_guard events of its process just before the park.
            size_t i = park, seen = 0, guard_event = kNone;
            const size_t guards = s.processes[w.proc].wait.guards.size();
            while (i-- > 0 && seen < guards)
              if (m.kind(i) == EventKind::AltGuard && m.proc_index(i) == w.proc &&
                  ++seen == guards - w.guard)
                guard_event = i;
            REQUIRE(guard_event != kNone);
            REQUIRE(m.chan_index(guard_event) == c);
            REQUIRE(waiter_value(s, w) == m.event(guard_event).value);
            ++checked_alts;
          }
    }
    CHECK(checked_puts > 0);
    CHECK(checked_alts > 0);
  }
}
