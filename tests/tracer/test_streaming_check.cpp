// `csptrace check` and `stats` in one pass (issue 26, item 3): a reader that lets go of every
// batch of events once the analysis used it must reach the same verdict, and the same stats, as
// the analysis of the whole trace. Checked on every hand-written fixture, on random traces and
// on a recorded multi-chunk trace, with events retired after every single event (the harshest
// batching) and through the readers' own batches.
#include "loadable_traces.hpp"
#include "random_trace.hpp"
#include "temp_path.hpp"

#include <csptrace/analysis.hpp>
#include <csptrace/binary_trace_writer.hpp>
#include <csptrace/packed_times.hpp>
#include <csptrace/shared_column.hpp>
#include <csptrace/streaming_judge.hpp>
#include <csptrace/trace_reader.hpp>
#include <csptrace/trace_stats.hpp>

#include <catch2/catch.hpp>

#include <climits>
#include <filesystem>
#include <random>

using namespace csptrace;

namespace {

// m's events added one at a time to a builder of their own, each retired as soon as `judge` (or
// `stats`) let go of it: the model that a streaming reader would end with.
template <class Take>
TraceModel rebuilt_retiring(
    const TraceModel& m, Take take,
    TraceModelBuilder::RetiredTimes times = TraceModelBuilder::RetiredTimes::Keep) {
  TraceModelBuilder b(m.source());
  b.set_header(m.header());
  for (StrId id = 0; id < m.strings().size(); ++id) b.strings().intern(m.strings().get(id));
  for (size_t i = 0; i < m.size(); ++i) {
    b.add(m.event(i));
    b.retire_before(take(b.so_far()), times);
  }
  return std::move(b).finish();
}

void require_same(const Verdict& streamed, const Verdict& whole) {
  REQUIRE(streamed.findings.size() == whole.findings.size());
  for (size_t k = 0; k < whole.findings.size(); ++k) {
    INFO("finding " << k << ": " << whole.findings[k].explanation);
    CHECK(streamed.findings[k] == whole.findings[k]);
  }
  CHECK(streamed.wait_for == whole.wait_for);
  CHECK(streamed.stuck == whole.stuck);
}

void require_same(const TraceStats& a, const TraceStats& b) {
  CHECK(a.events == b.events);
  CHECK(a.per_kind == b.per_kind);
  CHECK(a.duration_ns == b.duration_ns);
  REQUIRE(a.channels.size() == b.channels.size());
  for (size_t c = 0; c < a.channels.size(); ++c) {
    CHECK(a.channels[c].transfers == b.channels[c].transfers);
    CHECK(a.channels[c].max_level == b.channels[c].max_level);
    CHECK(a.channels[c].put_wait_ns == b.channels[c].put_wait_ns);
    CHECK(a.channels[c].take_wait_ns == b.channels[c].take_wait_ns);
  }
}

// The verdict and stats of m, streamed event by event, equal those of m whole; the retired
// model still answers time() and seq() of every event. Returns how many retired times a check
// that compacts them after every event let go.
size_t check_streams_like_whole(const TraceModel& m) {
  size_t dropped = 0;
  const Replay replay(m);
  const Verdict whole = judge(replay);

  StreamingJudge streaming;
  const TraceModel retired = rebuilt_retiring(m, [&](const TraceModel& so_far) {
    streaming.take(so_far);
    return streaming.keep_from();
  });
  require_same(std::move(streaming).finish(retired), whole);
  REQUIRE(retired.size() == m.size());
  for (size_t i = 0; i < m.size(); ++i) {
    CHECK(retired.time(i) == m.time(i));
    CHECK(retired.seq(i) == m.seq(i));
  }
  CHECK(retired.memory_bytes() == m.memory_bytes());

  // As `csptrace check` compacts the retired times to those the findings may name, here after
  // every event: a time the findings read that the judge did not name would throw.
  {
    StreamingJudge compacting;
    TraceModelBuilder b(m.source());
    b.set_header(m.header());
    for (StrId id = 0; id < m.strings().size(); ++id) b.strings().intern(m.strings().get(id));
    for (size_t i = 0; i < m.size(); ++i) {
      b.add(m.event(i));
      compacting.take(b.so_far());
      b.retire_before(compacting.keep_from());
      b.keep_retired_times(compacting.named_events(b.so_far()), true);
    }
    const TraceModel compacted = std::move(b).finish();
    require_same(std::move(compacting).finish(compacted), whole);
    // The times it let go: a time asked of one of them throws, never answers wrong.
    for (size_t i = 0; i < compacted.held_from(); ++i) {
      int64_t t = 0;
      try {
        t = compacted.time(i);
      } catch (const std::logic_error&) {
        ++dropped;
        continue;
      }
      CHECK(t == m.time(i));
    }
  }

  // As `csptrace stats` reads: the retired events' times go too.
  StatsPass pass;
  const TraceModel counted = rebuilt_retiring(
      m,
      [&](const TraceModel& so_far) {
        pass.take(so_far);
        return so_far.size();
      },
      TraceModelBuilder::RetiredTimes::Forget);
  require_same(std::move(pass).finish(counted), compute_stats(m));
  return dropped;
}

// The same through a reader's own batches (LoadOptions::on_batch), as `csptrace check` reads;
// returns how many batches the reader made.
size_t check_reader_streams_like_whole(const std::string& path) {
  const TraceModel m = load_trace(path);
  StreamingJudge streaming;
  LoadOptions options;
  size_t batches = 0;
  options.on_batch = [&](TraceModelBuilder& b) {
    ++batches;
    streaming.take(b.so_far());
    b.retire_before(streaming.keep_from());
  };
  const TraceModel streamed = load_trace(path, options);
  CHECK(batches > 0);
  CHECK(streamed.warnings() == m.warnings());
  const Replay replay(m);
  require_same(std::move(streaming).finish(streamed), judge(replay));
  return batches;
}

}  // namespace

TEST_CASE("streamed check and stats equal the whole trace on every fixture and corpus trace",
          "[streaming]") {
  const auto files = testing::loadable_traces();
  REQUIRE(files.size() > 50);
  size_t dropped = 0;
  for (const std::string& path : files) {
    INFO(path);
    const TraceModel m = load_trace(path);
    dropped += check_streams_like_whole(m);
    check_reader_streams_like_whole(path);
  }
  // The compacting check let go of times (so the equal verdicts above say it named every one
  // it read), not merely kept them all.
  CHECK(dropped > 0);
}

TEST_CASE("streamed check and stats equal the whole trace on random traces", "[streaming]") {
  size_t dropped = 0;
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    INFO("seed " << seed);
    dropped += check_streams_like_whole(testing::random_trace(seed, 1500));
  }
  CHECK(dropped > 0);
}

TEST_CASE("a streamed check reads a binary trace of many chunks like the whole trace",
          "[streaming]") {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    INFO("seed " << seed);
    const TraceModel m = testing::random_trace(seed, 3000);
    const std::string path = csp_test::temp_path("streamed-" + std::to_string(seed) + ".csptrace");
    BinaryTraceWriter w(path, m.header(), 16);
    for (size_t i = 0; i < m.size(); ++i) w.add(m.event(i), m.strings());
    w.close();
    CHECK(check_reader_streams_like_whole(path) >= m.size() / 16);
  }
}

TEST_CASE("a streamed check of a deadlock keeps only the report and what follows it",
          "[streaming]") {
  const TraceModel m = load_trace(std::string(CSP_FIXTURES) + "/finding-global-deadlock.jsonl");
  StreamingJudge judge;
  const TraceModel retired = rebuilt_retiring(m, [&](const TraceModel& so_far) {
    judge.take(so_far);
    return judge.keep_from();
  });
  size_t report = kNone;
  for (size_t i = 0; i < m.size(); ++i)
    if (m.kind(i) == EventKind::Deadlock) report = i;
  REQUIRE(report != kNone);
  CHECK(retired.held_from() == report);
  const Verdict v = std::move(judge).finish(retired);
  REQUIRE_FALSE(v.findings.empty());
  CHECK(v.findings.front().kind == FindingKind::GlobalDeadlock);
}

TEST_CASE("packed times give back every time pushed", "[streaming]") {
  std::mt19937_64 rng(7);
  std::vector<int64_t> times;
  int64_t t = 0;
  // Steps wrap past the extremes as uint64_t does (a signed overflow would be undefined).
  auto step = [&t](uint64_t d) { t = static_cast<int64_t>(static_cast<uint64_t>(t) + d); };
  for (int i = 0; i < 20000; ++i) {
    switch (rng() % 6) {
      case 0: step(rng() % 100); break;                        // a busy run: tiny steps
      case 1: step(rng() % 1000000000); break;                 // a long sleep
      case 2: step(uint64_t{0} - rng() % 1000); break;         // a clock that ran back
      case 3: t = static_cast<int64_t>(rng() >> 1); break;     // anywhere at all
      case 4: t = (rng() & 1) ? INT64_MAX : INT64_MIN; break;  // the extremes
      default: break;                                          // the same time again
    }
    times.push_back(t);
  }
  PackedTimes p;
  for (int64_t x : times) p.push_back(x);
  REQUIRE(p.size() == times.size());
  for (size_t i = 0; i < times.size(); ++i) REQUIRE(p[i] == times[i]);
}

TEST_CASE("packed times of a busy run take about a byte or two an event", "[streaming]") {
  PackedTimes p;
  for (int64_t i = 0; i < 100000; ++i) p.push_back(1000 + i * 37);
  CHECK(p.memory_bytes() < 100000 * 2);
}

TEST_CASE("drop_front keeps the rest in place and leaves a share untouched", "[streaming]") {
  SharedColumn<uint32_t> c;
  for (uint32_t i = 0; i < 10000; ++i) c.push_back(i);
  const size_t cap = c.capacity();
  c.drop_front(9000);
  REQUIRE(c.size() == 1000);
  CHECK(c[0] == 9000);
  CHECK(c[999] == 9999);
  CHECK(c.capacity() == cap);  // never shared: the same storage, reused by what comes next

  const SharedColumn<uint32_t> share = c.share();
  c.drop_front(500);
  CHECK(c.size() == 500);
  CHECK(c[0] == 9500);
  REQUIRE(share.size() == 1000);
  CHECK(share[0] == 9000);  // the share reads what it was given
  CHECK(share[999] == 9999);
}

TEST_CASE("retire_before lets go once as many events go as stay and keeps every event asked for",
          "[streaming]") {
  const TraceModel m = load_trace(std::string(CSP_FIXTURES) + "/hotdog.jsonl");
  REQUIRE(m.size() >= 20);
  // A pass that needs every event from a point that creeps forward by one event an event,
  // behind a window of 10 (the chrome export under open waits).
  size_t moves = 0, last_held = 0;
  const TraceModel retired = rebuilt_retiring(m, [&](const TraceModel& so_far) {
    const size_t want = so_far.size() > 10 ? so_far.size() - 10 : 0;
    REQUIRE(so_far.held_from() <= want);
    for (size_t i = want; i < so_far.size(); ++i) CHECK(so_far.event(i) == m.event(i));
    // Held: at most twice what is asked for, plus the event just added.
    CHECK(so_far.size() - so_far.held_from() <= 2 * (so_far.size() - want) + 1);
    moves += so_far.held_from() != last_held;
    last_held = so_far.held_from();
    return want;
  });
  // Each let-go moved at most as many events as it dropped: a few of them, not one an event.
  CHECK(moves > 0);
  CHECK(moves <= m.size() / 5);
  for (size_t i = retired.held_from(); i < m.size(); ++i) CHECK(retired.event(i) == m.event(i));
}

TEST_CASE("a model that forgot its retired events' times says so when one is asked for",
          "[streaming]") {
  const TraceModel m = load_trace(std::string(CSP_FIXTURES) + "/hotdog.jsonl");
  const TraceModel forgot = rebuilt_retiring(
      m, [](const TraceModel& so_far) { return so_far.size() - 1; },
      TraceModelBuilder::RetiredTimes::Forget);
  REQUIRE(forgot.held_from() > 0);
  // The events held keep their times; a retired one's is an error, never a wrong number.
  for (size_t i = forgot.held_from(); i < m.size(); ++i) CHECK(forgot.time(i) == m.time(i));
  CHECK_THROWS_AS(forgot.time(0), std::logic_error);
  CHECK(forgot.seq(0) == m.seq(0));

  // One model retires with one choice of times.
  TraceModelBuilder b(m.source());
  b.set_header(m.header());
  for (StrId id = 0; id < m.strings().size(); ++id) b.strings().intern(m.strings().get(id));
  for (size_t i = 0; i < 4; ++i) b.add(m.event(i));
  b.retire_before(3, TraceModelBuilder::RetiredTimes::Keep);
  for (size_t i = 4; i < 12; ++i) b.add(m.event(i));
  CHECK_THROWS_AS(b.retire_before(11, TraceModelBuilder::RetiredTimes::Forget), std::logic_error);
}
