// The timeline keeps compact records and makes its intervals, occupancy steps and rendezvous from
// them and the model (timeline.hpp). These properties hold the made structs to what they mean,
// checked against the replay's own states and the model's events, on every fixture and on random
// traces.
#include "jsonl_text.hpp"
#include "random_trace.hpp"

#include <csptrace/replay.hpp>
#include <csptrace/timeline_list.hpp>
#include <csptrace/trace_reader.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace csptrace;

namespace {

// Returns the most intervals one process has.
size_t check_timeline(const TraceModel& m) {
  const Replay replay(m);
  const Timeline& tl = replay.timeline();
  size_t longest = 0;
  for (uint32_t p = 0; p < m.processes().size(); ++p) {
    const IntervalList iv = tl.intervals(p);
    longest = std::max(longest, iv.size());
    for (size_t k = 0; k < iv.size(); ++k) {
      const StateInterval s = iv[k];
      INFO("process " << p << " interval " << k << " cause " << s.cause);
      REQUIRE(s.cause < m.size());
      CHECK(s.t_begin == m.time(s.cause));
      // The state it names is the process's state right after the event that began it.
      const ReplayState after = replay.state_at(s.cause);
      const ProcessState& ps = after.processes[p];
      CHECK(ps.state == s.state);
      const bool waiting = is_waiting(ps.state);
      CHECK(s.chan == (waiting ? ps.wait.chan : kNone));
      if (waiting) CHECK(s.op == ps.wait.op);
      if (k > 0) {  // an interval begins only where the look changes
        const StateInterval before = iv[k - 1];
        CHECK((before.state != s.state || before.chan != s.chan || before.op != s.op));
      }
      if (k + 1 < iv.size()) {
        CHECK(s.end_event == iv[k + 1].cause);
        CHECK(s.t_end == iv[k + 1].t_begin);
      } else {
        CHECK(s.end_event == kNone);
        CHECK(s.t_end == tl.end_time());
      }
    }
  }
  for (uint32_t c = 0; c < m.channels().size(); ++c) {
    const OccupancyList occ = tl.occupancy(c);
    for (const OccupancyStep step : occ) {
      INFO("channel " << c << " step at event " << step.event);
      CHECK(step.t == m.time(step.event));
      const ReplayState after = replay.state_at(step.event);
      const ChannelState& cs = after.channels[c];
      CHECK(step.level == cs.level());
      CHECK(step.putters == cs.putters.size());
      CHECK(step.takers == cs.takers.size());
    }
  }
  // Every transfer, in event order, with the model's fields.
  std::vector<size_t> transfers;
  for (size_t i = 0; i < m.size(); ++i)
    if (m.kind(i) == EventKind::Transfer) transfers.push_back(i);
  const RendezvousList rv = tl.rendezvous();
  REQUIRE(rv.size() == transfers.size());
  size_t k = 0;
  for (const Rendezvous r : rv) {
    const size_t e = transfers[k++];
    CHECK(r.event == e);
    CHECK(r.t == m.time(e));
    CHECK(r.from == m.from_index(e));
    CHECK(r.to == m.to_index(e));
    CHECK(r.chan == m.chan_index(e));
    CHECK(r.via == m.field<Field::via>(e));
    CHECK(tl.first_rendezvous_from(r.t) <= k - 1);
  }
  return longest;
}

}  // namespace

TEST_CASE("the timeline made from compact records agrees with the replay on every fixture",
          "[timeline]") {
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(CSP_FIXTURES)) {
    const std::string path = entry.path().string();
    if (entry.path().extension() != ".jsonl") continue;
    TraceModel m;
    try {
      m = load_trace(path);
    } catch (const std::exception&) {
      continue;  // the fixtures of bad input
    }
    INFO(path);
    check_timeline(m);
    ++files;
  }
  CHECK(files > 10);
}

TEST_CASE("the timeline made from compact records agrees with the replay on random traces",
          "[timeline]") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    INFO("seed " << seed);
    check_timeline(testing::random_trace(seed, 400));
  }
}

TEST_CASE("the timeline of a long ping-pong agrees with the replay", "[timeline]") {
  // Two processes with 800 intervals each: many blocks of coded intervals (interval_slots.hpp,
  // 64 to a block), where the random traces' short-lived processes have a partial one.
  csp_test::JsonlText t("pingpong");
  t.ev(R"("kind":"spawn","proc":1,"name":"main","mode":"main")");
  t.ev(R"("kind":"chan_make","chan":1,"name":"ping","buffer":"unbuffered","cap":0,"proc":1)");
  t.ev(R"("kind":"chan_make","chan":2,"name":"pong","buffer":"unbuffered","cap":0,"proc":1)");
  t.ev(R"("kind":"spawn","proc":2,"name":"ponger","mode":"go","partner":1)");
  for (int r = 0; r < 400; ++r) {
    t.ev(R"("kind":"park","proc":2,"op":"take","chan":1)");
    t.ev(R"("kind":"transfer","chan":1,"from":1,"to":2,"via":"direct","value":1)");
    t.ev(R"("kind":"resume","proc":2,"partner":1,"chan":1)");
    t.ev(R"("kind":"block","proc":1,"op":"take","chan":2)");
    t.ev(R"("kind":"transfer","chan":2,"from":2,"to":1,"via":"direct","value":2)");
    t.ev(R"("kind":"unblock","proc":1,"partner":2,"chan":2)");
  }
  t.ev(R"("kind":"exit","proc":2,"status":"ok")");
  t.ev(R"("kind":"exit","proc":1,"status":"ok")");
  t.ev(R"("kind":"end","reason":"normal")");
  const std::string path = t.write("pingpong.jsonl");
  const TraceModel m = load_trace(path);
  std::filesystem::remove(path);
  CHECK(check_timeline(m) >= 800);
}

TEST_CASE("partition_index finds the first index where the predicate turns false", "[timeline]") {
  const std::vector<int> v{1, 3, 3, 5, 8, 13};
  for (int x = 0; x <= 14; ++x) {
    size_t want = 0;
    while (want < v.size() && v[want] < x) ++want;
    CHECK(partition_index(0, v.size(), [&](size_t k) { return v[k] < x; }) == want);
  }
  CHECK(partition_index(4, 4, [](size_t) { return true; }) == 4);
  CHECK(partition_index(2, 6, [&](size_t k) { return v[k] < 4; }) == 3);
}

TEST_CASE("a run with more distinct interval looks than a byte numbers keeps every one",
          "[timeline]") {
  // 300 processes, each parked on a channel of its own: 300 (channel, state, op) looks and
  // more, so the looks' index column is two bytes wide.
  csp_test::JsonlText t("looks");
  t.ev(R"("kind":"spawn","proc":1,"name":"main","mode":"main")");
  const int n = 300;
  for (int k = 0; k < n; ++k) {
    const std::string c = std::to_string(k + 1), p = std::to_string(k + 2);
    t.ev(R"("kind":"chan_make","chan":)" + c +
         R"(,"name":"c","buffer":"unbuffered","cap":0,"proc":1)");
    t.ev(R"("kind":"spawn","proc":)" + p + R"(,"name":"taker","mode":"go","partner":1)");
    t.ev(R"("kind":"park","proc":)" + p + R"(,"op":"take","chan":)" + c);
  }
  for (int k = 0; k < n; ++k) {
    const std::string c = std::to_string(k + 1), p = std::to_string(k + 2);
    t.ev(R"("kind":"transfer","chan":)" + c + R"(,"from":1,"to":)" + p +
         R"(,"via":"direct","value":1)");
    t.ev(R"("kind":"resume","proc":)" + p + R"(,"chan":)" + c + R"(,"partner":1)");
  }
  t.ev(R"("kind":"exit","proc":1,"status":"ok")");
  t.ev(R"("kind":"end","reason":"normal")");
  const std::string path = t.write("looks.jsonl");
  const TraceModel m = load_trace(path);
  std::filesystem::remove(path);
  check_timeline(m);
  // Each taker waited on its own channel.
  const Replay replay(m);
  for (uint32_t p = 1; p < m.processes().size(); ++p) {
    const IntervalList iv = replay.timeline().intervals(p);
    REQUIRE(iv.size() >= 2);
    CHECK(iv[1].chan == p - 1);
    CHECK(iv[1].op == WaitOp::Take);
  }
}
