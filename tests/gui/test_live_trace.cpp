// The viewer's live follow, without widgets: documents taken while a trace grows (LiveTrace)
// must show what a document of the same events opened afresh shows, and stay valid while the
// model they share storage with goes on growing; waits that have lasted long are possible
// findings, never proven ones.
#include <catch2/catch.hpp>

#include "live_trace.hpp"
#include "long_waits.hpp"
#include "run_span.hpp"

#include <csptrace/replay.hpp>
#include <csptrace/trace_reader.hpp>

#include <span>
#include <vector>

using namespace cspview;
using csptrace::TraceModel;
using csptrace::TraceModelBuilder;

namespace {

TraceModel load_fixture(const char* name) {
  return csptrace::load_trace(std::string(CSP_FIXTURES "/") + name);
}

// A builder holding the strings of `full` under the same ids, ready for its events.
TraceModelBuilder builder_for(const TraceModel& full) {
  TraceModelBuilder b(full.source());
  b.set_header(full.header());
  for (size_t s = 1; s < full.strings().size(); ++s)
    b.strings().intern(full.strings().get(csptrace::StrId(s)));
  return b;
}

TraceModel prefix_of(const TraceModel& full, size_t n) {
  TraceModelBuilder b = builder_for(full);
  for (size_t i = 0; i < n; ++i) b.add(full.event(i));
  return std::move(b).finish();
}

bool same(LaneList a, LaneList b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

}  // namespace

TEST_CASE("live trace: every snapshot equals a fresh document of its events", "[follow]") {
  for (const char* name : {"hotdog.jsonl", "gui-philosophers-deadlock.jsonl",
                           "gui-alts-timeout.jsonl", "finding-recorded-philosophers.jsonl"}) {
    INFO(name);
    const TraceModel full = load_fixture(name);
    TraceModelBuilder b = builder_for(full);
    LiveTrace live;
    std::vector<std::shared_ptr<const TraceDocument>> docs;
    for (size_t i = 0; i < full.size(); ++i) {
      b.add(full.event(i));
      if (i % 5 == 2 || i + 1 == full.size()) docs.push_back(live.snapshot(b.so_far()));
    }
    // Checked only now, after the builder grew past every snapshot: the shared storage of the
    // early ones must still hold their events.
    for (const auto& doc : docs) {
      const size_t n = doc->model().size();
      INFO("snapshot of " << n << " events");
      const TraceModel fresh_model = prefix_of(full, n);
      const TraceDocument fresh(prefix_of(full, n));
      REQUIRE(doc->model().processes().size() == fresh.model().processes().size());
      REQUIRE(doc->model().channels().size() == fresh.model().channels().size());
      for (size_t i = 0; i < n; ++i) {
        CHECK(doc->model().event(i) == fresh.model().event(i));
        CHECK(doc->model().seq(i) == fresh.model().seq(i));
      }
      for (uint32_t p = 0; p < fresh.model().processes().size(); ++p)
        CHECK(same(doc->lanes().process_events(p), fresh.lanes().process_events(p)));
      for (uint32_t c = 0; c < fresh.model().channels().size(); ++c)
        CHECK(same(doc->lanes().channel_events(c), fresh.lanes().channel_events(c)));
      CHECK(same(doc->lanes().transfers_by_time(), fresh.lanes().transfers_by_time()));
      CHECK(same(doc->lanes().buffer_puts_by_time(), fresh.lanes().buffer_puts_by_time()));
      CHECK(same(doc->lanes().marks(), fresh.lanes().marks()));
      CHECK(doc->run().first == fresh.run().first);
      CHECK(doc->run().last == fresh.run().last);
      CHECK(doc->run().end == fresh.run().end);
      REQUIRE(doc->live_state());
      CHECK(*doc->live_state() == csptrace::Replay(fresh_model).final_state());
      CHECK_FALSE(doc->has_analysis());
    }
  }
}

TEST_CASE("live trace: a wait past the threshold is shown as possible, not proven", "[follow]") {
  const TraceModel full = load_fixture("gui-philosophers-deadlock.jsonl");
  TraceModelBuilder b = builder_for(full);
  LiveTrace live;
  for (size_t i = 0; i < full.size(); ++i) b.add(full.event(i));
  const auto doc = live.snapshot(b.so_far());
  const int64_t s = 1'000'000'000;

  const auto early = doc->with_long_waits(doc->run().last + 1 * s, 5 * s);
  CHECK(early->findings().empty());

  const auto late = doc->with_long_waits(doc->run().last + 12 * s, 5 * s);
  REQUIRE(late->findings().size() >= 3);  // the philosophers, each waiting for a fork
  for (size_t f = 0; f < late->findings().size(); ++f) {
    const csptrace::Finding& fd = late->findings()[f];
    CHECK(late->finding_title(f) == "waiting for 12 s");
    CHECK(late->finding_strength(f) == "possible, not proven");
    CHECK(fd.strength == csptrace::Strength::Predicted);
    CHECK(fd.severity == csptrace::Severity::Warning);
    CHECK(fd.explanation.find("Possible, not proven") != std::string::npos);
    CHECK(fd.explanation.find("waiting for 12 s to take") != std::string::npos);
    REQUIRE(fd.event < full.size());
    // A park, or main's block on an OS thread.
    CHECK((full.kind(fd.event) == csptrace::EventKind::Park ||
           full.kind(fd.event) == csptrace::EventKind::Block));
  }
  CHECK(wait_duration_text(850'000'000) == "850 ms");
  CHECK(wait_duration_text(65 * s) == "1 min 5 s");
}

TEST_CASE("live trace: events stamped out of order land where a fresh index puts them",
          "[follow]") {
  // A pool recording may stamp two threads' events out of seq order: the lanes stay sorted by
  // time, also in the snapshots taken before the late event came.
  TraceModelBuilder b("pool");
  const auto main = b.strings().intern("main"), label = b.strings().intern("mark");
  uint64_t seq = 0;
  auto add = [&](csptrace::Event e, int64_t t) {
    e.seq = ++seq;
    e.t = t;
    b.add(e);
  };
  using csptrace::EventKind;
  add(csptrace::Event(EventKind::Spawn)
          .with_proc(1)
          .with_name(main)
          .with_mode(csptrace::ProcMode::Main),
      0);
  LiveTrace live;
  std::vector<std::shared_ptr<const TraceDocument>> docs;
  for (int64_t t : {100, 50, 200, 150, 150, 10, 300, 250}) {
    add(csptrace::Event(EventKind::Mark).with_proc(1).with_label(label), t);
    docs.push_back(live.snapshot(b.so_far()));
  }
  const TraceModel all = std::move(b).finish();
  for (const auto& doc : docs) {
    const TraceDocument fresh(prefix_of(all, doc->model().size()));
    CHECK(same(doc->lanes().process_events(0), fresh.lanes().process_events(0)));
    CHECK(same(doc->lanes().marks(), fresh.lanes().marks()));
    CHECK(doc->run().first == fresh.run().first);
    CHECK(doc->run().last == fresh.run().last);
  }
}
