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
