// The sequence chart's Qt-free layout: which rows and lifelines a trace gives, where a wait
// begins and ends, the deadlock's stuck lifelines and cycle from the analysis, and the frame
// maths (the window around the cursor, real-time spacing, lifelines that do not fit).
#include <catch2/catch.hpp>

#include "fixture_document.hpp"
#include "sequence_frame.hpp"
#include "sequence_layout.hpp"

#include <algorithm>

using namespace cspview;

namespace {

std::vector<std::string> labels(const SequenceLayout& l, SeqRow::Kind kind) {
  std::vector<std::string> out;
  for (size_t r = 0; r < l.rows().size(); ++r)
    if (l.rows()[r].kind == kind) out.push_back(l.label(r));
  return out;
}

std::string lane(const SequenceLayout& l, uint32_t i) {
  return i < l.lifelines().size() ? l.lifelines()[i].name : "-";
}

}  // namespace

TEST_CASE("the hot dog's chart: two lifelines, six rendezvous arrows labelled with their values",
          "[sequence]") {
  auto doc = fixture("hotdog.jsonl");
  const SequenceLayout l = SequenceLayout::build(*doc);
  REQUIRE(l.lifelines().size() == 2);
  CHECK(l.lifelines()[0].name == "main");
  CHECK(l.lifelines()[1].name == "hot-dog-machine");
  const auto msgs = labels(l, SeqRow::Kind::Message);
  CHECK(msgs == std::vector<std::string>{"in: \"pocket lint\"", "out: \"wilted lettuce\"", "in: 3",
                                         "out: \"hot dog\"", "in: 3", "out: \"hot dog\""});
  // The first goes from main to the machine, the second back.
  std::vector<const SeqRow*> arrows;
  std::vector<size_t> arrow_rows;
  for (size_t r = 0; r < l.rows().size(); ++r)
    if (l.rows()[r].kind == SeqRow::Kind::Message)
      arrows.push_back(&l.rows()[r]), arrow_rows.push_back(r);
  CHECK(lane(l, arrows[0]->from) == "main");
  CHECK(lane(l, arrows[0]->to) == "hot-dog-machine");
  CHECK(lane(l, arrows[1]->from) == "hot-dog-machine");
  CHECK(l.value(arrow_rows[1]) == "\"wilted lettuce\"");
  // The machine is spawned by main (its lifeline starts there) and exits before main.
  CHECK(labels(l, SeqRow::Kind::Spawn).size() == 1);
  CHECK(l.rows()[l.lifelines()[1].first_row].kind == SeqRow::Kind::Spawn);
  CHECK(l.lifelines()[1].end_row < l.lifelines()[0].end_row);
  CHECK(labels(l, SeqRow::Kind::Note) == std::vector<std::string>{"customer inserts pocket lint"});
  CHECK(labels(l, SeqRow::Kind::Refused).size() == 2);
  // Rows are in event order; resumes and unblocks have none.
  CHECK(std::is_sorted(l.rows().begin(), l.rows().end(),
                       [](const SeqRow& a, const SeqRow& b) { return a.event < b.event; }));
  for (const SeqRow& r : l.rows()) CHECK(doc->model().kind(r.event) != csptrace::EventKind::Resume);
  // Three parks of the machine and three blocks of main, each ended by the transfer that woke it.
  REQUIRE(l.bars().size() == 6);
  for (const SeqWaitBar& b : l.bars()) {
    CHECK(b.end_row > b.first_row);
    CHECK(l.rows()[b.end_row].kind == SeqRow::Kind::Message);
    CHECK_FALSE(b.stuck);
  }
  CHECK(std::count_if(l.bars().begin(), l.bars().end(),
                      [](const SeqWaitBar& b) { return b.blocked; }) == 3);
  CHECK(l.cycle().empty());
}

TEST_CASE("the cursor's row is the last row at or before its event", "[sequence]") {
  auto doc = fixture("hotdog.jsonl");
  const SequenceLayout l = SequenceLayout::build(*doc);
  CHECK_FALSE(l.row_at(std::nullopt));
  CHECK_FALSE(l.row_at(0));  // main's spawn has no row: nobody spawned it
  REQUIRE(l.row_at(6));
  CHECK(l.rows()[*l.row_at(6)].event == 6);  // the first transfer
  CHECK(l.rows()[*l.row_at(7)].event == 6);  // its wake shows on the transfer's row
  CHECK(*l.row_at(doc->model().size() - 1) == l.rows().size() - 1);
}

TEST_CASE("channel lifelines carry the buffered values and rendezvous still go process to process",
          "[sequence]") {
  auto doc = fixture("hotdog.jsonl");
  const SequenceLayout l = SequenceLayout::build(*doc, SequenceOptions{.channel_lifelines = true});
  REQUIRE(l.lifelines().size() == 4);
  CHECK(l.lifelines()[2].kind == SeqLifeline::Kind::Channel);
  CHECK(l.lifelines()[2].name == "in");
  for (const SeqRow& r : l.rows())
    if (r.kind == SeqRow::Kind::Message)
      CHECK(l.lifelines()[r.to].kind == SeqLifeline::Kind::Process);
}

TEST_CASE("a deadlock's stuck processes end in red, with the analysis's wait-for cycle",
          "[sequence]") {
  auto doc = fixture("gui-philosophers-deadlock.jsonl");
  const SequenceLayout l = SequenceLayout::build(*doc);
  std::vector<std::string> stuck;
  for (const SeqLifeline& x : l.lifelines())
    if (x.stuck) stuck.push_back(x.name);
  // The same processes the analysis says are stuck, no more, no fewer.
  std::vector<std::string> expected;
  for (const StuckWait& w : doc->stuck()) expected.push_back(doc->process_label(w.proc));
  std::sort(stuck.begin(), stuck.end());
  std::sort(expected.begin(), expected.end());
  REQUIRE_FALSE(expected.empty());
  CHECK(stuck == expected);
  REQUIRE_FALSE(l.cycle().empty());
  for (const SeqCycleEdge& e : l.cycle()) {
    CHECK(l.lifelines()[e.waiter].stuck);
    CHECK(e.label.rfind("take ", 0) == 0);
  }
  // Each stuck lifeline's last wait never ends and is drawn stuck.
  for (size_t i = 0; i < l.lifelines().size(); ++i) {
    if (!l.lifelines()[i].stuck) continue;
    CHECK(std::any_of(l.bars().begin(), l.bars().end(), [&](const SeqWaitBar& b) {
      return b.lifeline == i && b.stuck && b.end_row == l.rows().size();
    }));
  }
}

TEST_CASE("the window keeps still while the cursor stays inside it, and follows when it leaves",
          "[sequence]") {
  CHECK(window_start(10, 20, 5, 0) == 0);     // everything fits
  CHECK(window_start(1000, 30, 10, 0) == 0);  // inside
  CHECK(window_start(1000, 30, 20, 0) == 0);  // still inside, no jump
  const size_t moved = window_start(1000, 30, 29, 0);
  CHECK(moved > 0);  // at the edge: follows
  CHECK(29 >= moved);
  CHECK(29 < moved + 30);
  CHECK(window_start(1000, 30, 999, 0) == 970);  // the end: a full window
  CHECK(window_start(1000, 30, 500, 0) == 490);  // a jump puts the cursor a third down
}

TEST_CASE("a frame fits the rows at a readable height or shows a window around the cursor",
          "[sequence]") {
  auto doc = fixture("hotdog.jsonl");
  const SequenceLayout l = SequenceLayout::build(*doc);
  const SequenceMetrics mx;
  const SequenceFrame all = frame_sequence(l, doc->model(), mx, 800, 900, 0, l.row_at(6), false);
  CHECK(all.first_row == 0);
  CHECK(all.end_row == l.rows().size());
  CHECK(all.row_h >= mx.row_min);
  CHECK(all.row_h <= mx.row_max);
  CHECK(all.shown(0));
  CHECK(all.shown(1));
  CHECK(all.lane_x[0] < all.lane_x[1]);
  CHECK(all.row_at_y(all.y_of(3)) == 3u);
  CHECK_FALSE(all.row_at_y(2));  // the header

  // Too short for all rows: a window, every row in it at least the minimum apart.
  const size_t fit = rows_that_fit(l, mx, 300);
  REQUIRE(fit < l.rows().size());
  const size_t cursor = l.rows().size() - 2;
  const size_t first = window_start(l.rows().size(), fit, cursor, 0);
  const SequenceFrame part = frame_sequence(l, doc->model(), mx, 800, 300, first, cursor, false);
  CHECK(part.has_row(cursor));
  CHECK(part.end_row - part.first_row == fit);
  CHECK(part.bottom <= 300);

  // Real time: rows keep their order and the minimum gap, and a long pause shows as space.
  const SequenceFrame rt = frame_sequence(l, doc->model(), mx, 800, 900, 0, std::nullopt, true);
  for (size_t k = 1; k < rt.row_y.size(); ++k)
    CHECK(rt.row_y[k] - rt.row_y[k - 1] >= mx.row_min - 1e-9);
}

TEST_CASE("lifelines that do not fit the width are left out, the window's own first",
          "[sequence]") {
  auto doc = fixture("gui-philosophers-deadlock.jsonl");
  const SequenceLayout l = SequenceLayout::build(*doc);
  const SequenceMetrics mx;
  const SequenceFrame narrow =
      frame_sequence(l, doc->model(), mx, 360, 800, 0, std::nullopt, false);
  size_t shown = 0;
  for (size_t i = 0; i < l.lifelines().size(); ++i) shown += narrow.shown(uint32_t(i));
  CHECK(shown >= 1);
  CHECK(double(shown) * mx.col_min <= 360 - mx.gutter);
  CHECK(narrow.hidden_lanes == l.lifelines().size() - shown);
}

TEST_CASE("an alt's choice names the guard that won, its operation and its rule", "[sequence]") {
  auto doc = fixture("gui-alts-timeout.jsonl");
  const SequenceLayout l = SequenceLayout::build(*doc);
  const auto alts = labels(l, SeqRow::Kind::Alt);
  REQUIRE_FALSE(alts.empty());
  CHECK(alts.front() == "alt chose take " + doc->channel_label(0) + " (only)");
}
