#include <catch2/catch.hpp>

#include "fixture_document.hpp"
#include "lane_layout.hpp"
#include "navigation_history.hpp"

using namespace cspview;

TEST_CASE("layout lists a group of process lanes then a group of channel lanes", "[layout]") {
  auto doc = fixture("gui-philosophers-deadlock.jsonl");
  LaneLayout::Options o;
  LaneLayout l(doc->model(), o);
  const auto& rows = l.rows();
  REQUIRE(rows.size() == 2 + 4 + 4);
  CHECK(rows[0].kind == RowKind::ProcessGroup);
  CHECK(rows[5].kind == RowKind::ChannelGroup);
  for (size_t k = 1; k < rows.size(); ++k) CHECK(rows[k].y == rows[k - 1].y + rows[k - 1].height);
  CHECK(l.height() == 2 * o.group_height + 8 * o.lane_height);
  REQUIRE(l.process_row(2));
  CHECK(l.row_at(l.process_row(2)->y + 3) == l.process_row(2));
  CHECK(l.row_at(-1) == nullptr);
  CHECK(l.row_at(l.height()) == nullptr);
}

TEST_CASE("groups collapse and names filter", "[layout]") {
  auto doc = fixture("gui-philosophers-deadlock.jsonl");
  LaneLayout::Options o;
  o.processes_collapsed = true;
  LaneLayout collapsed(doc->model(), o);
  CHECK(collapsed.rows().size() == 2 + 4);
  CHECK(collapsed.process_row(0) == nullptr);

  LaneLayout::Options f;
  f.name_filter = "FORK";  // case-insensitive
  LaneLayout filtered(doc->model(), f);
  CHECK(filtered.rows().size() == 2 + 3);
  CHECK(filtered.channel_row(3) == nullptr);  // "done"
}

TEST_CASE("focus shows only what interacts with one process", "[layout]") {
  auto doc = fixture("gui-philosophers-deadlock.jsonl");
  const auto in = interactions_of(doc->model(), 1);  // phil-0: fork-0 (its own), fork-1 (waits)
  CHECK(in.processes[1]);
  CHECK(in.channels[0]);
  CHECK(in.channels[1]);
  CHECK_FALSE(in.channels[2]);
  CHECK_FALSE(in.channels[3]);
  LaneLayout::Options o;
  o.focus_process = 1;
  LaneLayout l(doc->model(), o);
  CHECK(l.process_row(1) != nullptr);
  CHECK(l.channel_row(2) == nullptr);
}

TEST_CASE("navigation history goes back and forward like a browser", "[history]") {
  NavigationHistory<int> h;
  CHECK_FALSE(h.can_back());
  h.visit(1);  // left view 1 for view 2
  h.visit(2);  // left view 2 for view 3
  CHECK(h.back(3) == 2);
  CHECK(h.back(2) == 1);
  CHECK_FALSE(h.back(1).has_value());
  CHECK(h.forward(1) == 2);
  h.visit(2);  // a new place drops the forward part
  CHECK_FALSE(h.can_forward());
}
