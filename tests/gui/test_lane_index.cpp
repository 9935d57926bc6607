#include <catch2/catch.hpp>

#include "fixture_document.hpp"
#include "lane_index.hpp"
#include "span_fold.hpp"

using namespace cspview;
using csptrace::EventKind;

TEST_CASE("each lane holds its own events in time order", "[lanes]") {
  auto doc = fixture("hotdog.jsonl");
  const auto& m = doc->model();
  const auto& lanes = doc->lanes();
  size_t in_process_lanes = 0;
  for (uint32_t p = 0; p < m.processes().size(); ++p) {
    auto lane = lanes.process_events(p);
    in_process_lanes += lane.size();
    for (size_t k = 0; k < lane.size(); ++k) {
      CHECK(m.proc_index(lane[k]) == p);
      if (k) CHECK(m.time(lane[k - 1]) <= m.time(lane[k]));
    }
  }
  size_t with_proc = 0;
  for (size_t i = 0; i < m.size(); ++i) with_proc += m.proc_index(i) != csptrace::kNone;
  CHECK(in_process_lanes == with_proc);
  // hotdog: 6 transfers (3 on "in", 3 on "out"), one user mark.
  CHECK(lanes.transfers().size() == 6);
  CHECK(lanes.marks().size() == 1);
  for (uint32_t e : lanes.transfers()) CHECK(m.kind(e) == EventKind::Transfer);
}

TEST_CASE("visible cuts a lane to a time window", "[lanes]") {
  auto doc = fixture("hotdog.jsonl");
  const auto& m = doc->model();
  auto lane = doc->lanes().channel_events(0);  // "in"
  auto vis = LaneIndex::visible(m, lane, 5000, 9000);
  REQUIRE(!vis.empty());
  for (uint32_t e : vis) {
    CHECK(m.time(e) >= 5000);
    CHECK(m.time(e) <= 9000);
  }
  CHECK(LaneIndex::visible(m, lane, 1e9, 2e9).empty());
}

TEST_CASE("events closer than the fold width become one counted mark", "[lanes][fold]") {
  auto doc = fixture("hotdog.jsonl");
  const auto& m = doc->model();
  auto lane = doc->lanes().process_events(0);  // main
  // Zoomed in: every event stands alone.
  auto wide = TimeScale::fit(0, 18100, 100000);
  auto single = LaneIndex::fold(m, lane, wide, 3);
  CHECK(single.size() == lane.size());
  // Zoomed out to 20 px: everything folds, nothing is lost.
  auto narrow = TimeScale::fit(0, 18100, 20);
  auto folded = LaneIndex::fold(m, lane, narrow, 3);
  CHECK(folded.size() < 8);
  uint32_t total = 0;
  for (const auto& mk : folded) total += mk.count;
  CHECK(total == lane.size());
}

TEST_CASE("state spans fold when narrow and cover the process's life", "[lanes][fold]") {
  auto doc = fixture("hotdog.jsonl");
  const auto& iv = doc->timeline().intervals(1);  // hot-dog-machine
  REQUIRE(iv.size() > 4);
  auto wide = TimeScale::fit(0, 18100, 100000);
  auto spans = fold_spans(iv, wide, 3);
  for (const auto& s : spans) CHECK(s.count == 1);
  auto narrow = TimeScale::fit(0, 18100, 30);
  auto folded = fold_spans(iv, narrow, 3);
  CHECK(folded.size() < spans.size());
  bool any_folded = false;
  for (const auto& s : folded) any_folded |= s.count > 1;
  CHECK(any_folded);
  // Spans come left to right without overlap.
  for (size_t k = 1; k < folded.size(); ++k) CHECK(folded[k].x0 >= folded[k - 1].x1 - 1e-6);
}

namespace {

// m's events again, each time stamped `late` later when keep_order is false and its index is a
// multiple of three: times out of event order, as a pool recording may stamp them.
csptrace::TraceModelBuilder restamped(const csptrace::TraceModel& m, bool keep_order, size_t upto) {
  csptrace::TraceModelBuilder b(m.source());
  b.set_header(m.header());
  for (csptrace::StrId id = 0; id < m.strings().size(); ++id)
    b.strings().intern(m.strings().get(id));
  for (size_t i = 0; i < upto; ++i) {
    csptrace::Event e = m.event(i);
    if (!keep_order && i % 3 == 0) e.t += 5000;
    b.add(e);
  }
  return b;
}

void require_same_lanes(const csptrace::TraceModel& m, const LaneIndex& a, const LaneIndex& b) {
  auto same = [](LaneList x, LaneList y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end());
  };
  for (uint32_t p = 0; p < m.processes().size(); ++p)
    CHECK(same(a.process_events(p), b.process_events(p)));
  for (uint32_t c = 0; c < m.channels().size(); ++c)
    CHECK(same(a.channel_events(c), b.channel_events(c)));
  CHECK(same(a.transfers_by_time(), b.transfers_by_time()));
  CHECK(same(a.marks(), b.marks()));
  CHECK(same(a.buffer_puts_by_time(), b.buffer_puts_by_time()));
}

}  // namespace

TEST_CASE("lanes of a whole model equal lanes grown as the events came, in or out of time order",
          "[lanes]") {
  for (const char* name : {"hotdog.jsonl", "gui-philosophers-deadlock.jsonl"}) {
    for (bool keep_order : {true, false}) {
      INFO(name << (keep_order ? ", times in order" : ", times out of order"));
      const auto doc = fixture(name);
      const csptrace::TraceModel& src = doc->model();
      const csptrace::TraceModel whole = restamped(src, keep_order, src.size()).so_far().snapshot();
      CHECK(whole.times_in_order() == keep_order);
      const LaneIndex built(whole);
      // Every lane in time order, holding its own events.
      for (uint32_t p = 0; p < whole.processes().size(); ++p) {
        const auto lane = built.process_events(p);
        for (size_t k = 0; k < lane.size(); ++k) {
          CHECK(whole.proc_index(lane[k]) == p);
          if (k) CHECK(whole.time(lane[k - 1]) <= whole.time(lane[k]));
        }
      }
      // Grown event by event from nothing.
      csptrace::TraceModelBuilder b = restamped(src, keep_order, 0);
      LaneIndex grown;
      for (size_t i = 0; i < src.size(); ++i) {
        csptrace::Event e = src.event(i);
        if (!keep_order && i % 3 == 0) e.t += 5000;
        b.add(e);
        grown.extend(b.so_far());
      }
      require_same_lanes(whole, built, grown);
      // Built from the first half whole, then grown by the rest.
      const csptrace::TraceModel half =
          restamped(src, keep_order, src.size() / 2).so_far().snapshot();
      LaneIndex from_half(half);
      from_half.extend(whole);
      require_same_lanes(whole, built, from_half);
      require_same_lanes(whole, built, from_half.share());
    }
  }
}

TEST_CASE("packed lanes read back every entry, in narrow and in wide blocks", "[lanes]") {
  // Lanes after lanes as LaneIndex packs them: runs of near indices, a lane that starts far
  // below the last one, entries 70 000 apart and out of order (a pool recording's lane by time).
  std::vector<uint32_t> all;
  for (uint32_t i = 0; i < 1000; ++i) all.push_back(3 * i);
  for (uint32_t i = 0; i < 300; ++i) all.push_back(5 + 70000 * i);
  for (uint32_t i = 0; i < 200; ++i) all.push_back(i % 2 ? 4000000000u - i : i);
  for (uint32_t i = 0; i < 77; ++i) all.push_back(65535 * (i % 3));
  const csptrace::PackedIndices packed(all);
  REQUIRE(packed.size() == all.size());
  for (size_t k = 0; k < all.size(); ++k) {
    INFO("entry " << k);
    CHECK(packed[k] == all[k]);
  }
  // Narrow blocks cost 2 bytes an entry and 8 a block; wide ones keep their entries whole.
  const std::vector<uint32_t> near(all.begin(), all.begin() + 960);
  CHECK(csptrace::PackedIndices(near).memory_bytes() == 960 * 2 + 15 * 8);
  // A list over a part of it, as a lane.
  const LaneList lane(packed, 1000, 300);
  CHECK(lane.size() == 300);
  CHECK(lane.front() == 5);
  CHECK(lane.back() == 5 + 70000 * 299);
  CHECK(*std::lower_bound(lane.begin(), lane.end(), 140001u) == 5 + 70000 * 2);
  const LaneList tail = lane.subspan(298);
  CHECK(tail.size() == 2);
  CHECK(tail[1] == lane.back());
}
