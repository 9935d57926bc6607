// The Qt-free pieces that decide what text goes where: labels that never overlap, labels that
// give up the source path before the channel name, counts, event numbers, timers.
#include <catch2/catch.hpp>

#include "count_text.hpp"
#include "event_number.hpp"
#include "fixture_document.hpp"
#include "label_fit.hpp"
#include "label_row.hpp"
#include "timer_text.hpp"

#include <algorithm>

using namespace cspview;

TEST_CASE("labels on a row never overlap each other or what is reserved", "[labels]") {
  LabelRow row;
  row.reserve(100, 140);  // the cursor badge
  const auto a =
      row.place(110, 50, 0, 1000);  // wanted under the badge: moves to the nearest free place
  REQUIRE(a.has_value());
  CHECK((*a + 50 <= 100 - row.gap || *a >= 140 + row.gap));
  const auto b = row.place(*a, 50, 0, 1000);  // wanted where a is: goes beside it
  REQUIRE(b.has_value());
  CHECK((*b + 50 <= *a - row.gap || *b >= *a + 50 + row.gap));
  CHECK_FALSE(row.place(0, 2000, 0, 1000).has_value());  // wider than the row
  LabelRow tight;
  tight.reserve(0, 100);
  CHECK_FALSE(tight.place(10, 20, 0, 100).has_value());  // no free place in range: not drawn
  CHECK(tight.free(120, 130));
  CHECK_FALSE(tight.free(95, 130));
}

TEST_CASE("a stuck label gives up the source path before the channel name", "[labels]") {
  const TextWidth w = [](const std::string& s) { return 7.0 * double(s.size()); };  // 7 px a byte
  const std::string what = "stuck: take result of phil-0",
                    where = "src/samples/philosophers/main.cpp:52";
  CHECK(fit_label(what, where, 1000, w) == what + " (" + where + ")");
  CHECK(fit_label(what, where, 7.0 * double((what + " (main.cpp:52)").size()), w) ==
        what + " (main.cpp:52)");
  CHECK(fit_label(what, where, 7.0 * double(what.size()), w) == what);
  const std::string cut = fit_label(what, where, 7.0 * 20, w);
  CHECK(cut.rfind("stuck: take", 0) == 0);
  CHECK(cut.find("main.cpp") == std::string::npos);
  CHECK(fit_label(what, where, 5, w).empty());
}

TEST_CASE("counts read with thousands separators", "[labels]") {
  CHECK(count_text(0) == "0");
  CHECK(count_text(999) == "999");
  CHECK(count_text(1000) == "1,000");
  CHECK(count_text(6000000) == "6,000,000");
  CHECK(count_text(1234567) == "1,234,567");
}

TEST_CASE("events are numbered as csptrace prints them", "[numbering]") {
  auto doc = fixture("hotdog.jsonl");
  const auto& m = doc->model();
  CHECK(event_ref(m, 0) == "#" + std::to_string(m.seq(0)));
  for (size_t i = 0; i < m.size(); ++i) CHECK(event_at_number(m, m.seq(i)) == i);
  CHECK_FALSE(event_at_number(m, 0).has_value());
  CHECK(event_at_number(m, m.seq(m.size() - 1) + 100) == m.size() - 1);  // past the end: the last
}

TEST_CASE("timers are described in the time the axis shows", "[timers]") {
  auto doc = fixture("finding-recorded-timeout-leak.jsonl");
  const auto& m = doc->model();
  REQUIRE(timers_are_virtual(m));  // recorded with --seed: the deterministic scheduler
  uint32_t timer = csptrace::kNone;
  for (uint32_t c = 0; c < m.channels().size(); ++c)
    if (m.channels()[c].buffer == csptrace::BufferKind::Timer &&
        m.str(m.channels()[c].name) == "timeout 10ms")
      timer = c;
  REQUIRE(timer != csptrace::kNone);
  const std::string note = timer_note(m, doc->lanes().channel_events(timer), timer);
  CHECK(note.rfind("set for 10.000 ms of virtual time; fired ", 0) == 0);
  CHECK(note.find("later on this axis") != std::string::npos);
  CHECK(axis_title(m) == "time → (virtual timers)");
  CHECK(timer_note(m, doc->lanes().channel_events(0), 0).empty() ==
        (m.channels()[0].buffer != csptrace::BufferKind::Timer));
}
