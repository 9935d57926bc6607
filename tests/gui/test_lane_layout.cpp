#include <catch2/catch.hpp>

#include "fixture_document.hpp"
#include "lane_layout.hpp"
#include "navigation_history.hpp"

#include <algorithm>
#include <cctype>

using namespace cspview;

TEST_CASE("layout lists a group of process lanes then a group of channel lanes", "[layout]") {
  auto doc = fixture("gui-philosophers-deadlock.jsonl");
  LaneLayout::Options o;
  LaneLayout l(doc->model(), o);
  REQUIRE(l.row_count() == 2 + 4 + 4);
  CHECK(l.row(0).kind == RowKind::ProcessGroup);
  CHECK(l.row(5).kind == RowKind::ChannelGroup);
  for (size_t k = 1; k < l.row_count(); ++k)
    CHECK(l.row(k).y == l.row(k - 1).y + l.row(k - 1).height);
  CHECK(l.height() == 2 * o.group_height + 8 * o.lane_height);
  REQUIRE(l.process_row(2));
  CHECK(l.row_at(l.process_row(2)->y + 3) == l.process_row(2));
  CHECK_FALSE(l.row_at(-1));
  CHECK_FALSE(l.row_at(l.height()));
}

TEST_CASE("groups collapse and names filter", "[layout]") {
  auto doc = fixture("gui-philosophers-deadlock.jsonl");
  LaneLayout::Options o;
  o.processes_collapsed = true;
  LaneLayout collapsed(doc->model(), o);
  CHECK(collapsed.row_count() == 2 + 4);
  CHECK_FALSE(collapsed.process_row(0));

  LaneLayout::Options f;
  f.name_filter = "FORK";  // case-insensitive
  LaneLayout filtered(doc->model(), f);
  CHECK(filtered.row_count() == 2 + 3);
  CHECK_FALSE(filtered.channel_row(3));  // "done"
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
  CHECK(l.process_row(1));
  CHECK_FALSE(l.channel_row(2));
}

TEST_CASE("the layout made on demand equals the rows listed one by one", "[layout][property]") {
  // The layout keeps no row: check every row it makes, every lookup and every band against
  // the rows as a list built here, for all, filtered, focused, collapsed and odd heights.
  auto doc = fixture("gui-philosophers-deadlock.jsonl");
  const auto& m = doc->model();
  std::vector<LaneLayout::Options> all(6);
  all[1].name_filter = "phil";
  all[2].focus_process = 2;
  all[3].processes_collapsed = true;
  all[4].channels_collapsed = true;
  all[4].name_filter = "1";
  all[5].lane_height = 0;
  all[5].group_height = 5;
  for (const LaneLayout::Options& o : all) {
    const LaneLayout l(m, o);
    const Interactions focus = o.focus_process
                                   ? interactions_of(m, *o.focus_process)
                                   : Interactions{std::vector<bool>(m.processes().size(), true),
                                                  std::vector<bool>(m.channels().size(), true)};
    auto lower = [](std::string s) {
      for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
      return s;
    };
    auto shown = [&](const std::string& label) {
      return lower(label).find(lower(o.name_filter)) != std::string::npos;
    };
    std::vector<LaneRow> rows;
    int y = 0;
    auto add = [&](RowKind k, uint32_t ix, int h) {
      rows.push_back({k, ix, y, h});
      y += h;
    };
    add(RowKind::ProcessGroup, 0, o.group_height);
    for (uint32_t p = 0; p < m.processes().size() && !o.processes_collapsed; ++p)
      if (focus.processes[p] && shown(csptrace::process_label(m, p)))
        add(RowKind::Process, p, o.lane_height);
    add(RowKind::ChannelGroup, 0, o.group_height);
    for (uint32_t c = 0; c < m.channels().size() && !o.channels_collapsed; ++c)
      if (focus.channels[c] && shown(csptrace::channel_label(m, c)))
        add(RowKind::Channel, c, o.lane_height);
    REQUIRE(l.row_count() == rows.size());
    CHECK(l.height() == y);
    for (size_t r = 0; r < rows.size(); ++r) CHECK(l.row(r) == rows[r]);
    for (uint32_t p = 0; p < m.processes().size(); ++p) {
      auto it = std::find_if(rows.begin(), rows.end(), [&](const LaneRow& r) {
        return r.kind == RowKind::Process && r.index == p;
      });
      CHECK(l.process_row(p) == (it == rows.end() ? std::nullopt : std::optional<LaneRow>(*it)));
    }
    for (uint32_t c = 0; c < m.channels().size(); ++c) {
      auto it = std::find_if(rows.begin(), rows.end(), [&](const LaneRow& r) {
        return r.kind == RowKind::Channel && r.index == c;
      });
      CHECK(l.channel_row(c) == (it == rows.end() ? std::nullopt : std::optional<LaneRow>(*it)));
    }
    for (int at = -3; at <= y + 3; ++at) {
      auto it = std::find_if(rows.begin(), rows.end(),
                             [&](const LaneRow& r) { return at >= r.y && at < r.y + r.height; });
      CHECK(l.row_at(at) == (it == rows.end() ? std::nullopt : std::optional<LaneRow>(*it)));
      for (int to = at + 1; to <= at + 60; to += 7) {
        // Every row with height that overlaps [at, to) is in the band; rows outside it are not.
        const auto [first, last] = l.rows_between(at, to);
        for (size_t r = 0; r < rows.size(); ++r) {
          const bool overlaps =
              rows[r].height > 0 && rows[r].y < to && rows[r].y + rows[r].height > at;
          if (overlaps) CHECK((r >= first && r < last));
          if (r >= first && r < last) CHECK((rows[r].y < to && rows[r].y + rows[r].height >= at));
        }
      }
    }
  }
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
