#include <catch2/catch.hpp>

#include "time_scale.hpp"

using cspview::TimeScale;

TEST_CASE("time and pixels map both ways", "[time_scale]") {
  TimeScale s{1000, 10, 800};
  CHECK(s.x_of(1000) == 0);
  CHECK(s.x_of(2000) == 100);
  CHECK(s.t_of(100) == 2000);
  CHECK(s.end_ns() == 9000);
}

TEST_CASE("fit shows the whole range with a margin", "[time_scale]") {
  auto s = TimeScale::fit(0, 18100, 1000);
  CHECK(s.x_of(0) > 0);
  CHECK(s.x_of(0) < 30);
  CHECK(s.x_of(18100) < 1000);
  CHECK(s.x_of(18100) > 970);
  auto one = TimeScale::fit(500, 500, 100);  // a single instant still gets a window
  CHECK(one.x_of(500) == Approx(50));
  CHECK(one.ns_per_px > 0);
}

TEST_CASE("zoom keeps the time under the mouse in place", "[time_scale]") {
  TimeScale s{0, 10, 1000};
  const double t = s.t_of(300);
  auto in = s.zoomed(300, 4);
  CHECK(in.ns_per_px == Approx(2.5));
  CHECK(in.t_of(300) == Approx(t));
  auto out = in.zoomed(300, 0.25);
  CHECK(out.ns_per_px == Approx(10));
  CHECK(out.start_ns == Approx(0));
  // Zoom is bounded: a thousand wheel steps in do not reach zero or negative scales.
  auto deep = s;
  for (int i = 0; i < 1000; ++i) deep = deep.zoomed(10, 2);
  CHECK(deep.ns_per_px == TimeScale::kMinNsPerPx);
  CHECK(s.zoomed(0, 0) == s);
}

TEST_CASE("pan and zoom to a selection", "[time_scale]") {
  TimeScale s{0, 10, 1000};
  CHECK(s.panned(50).start_ns == -500);  // dragging right shows earlier times
  auto sel = s.selected(600, 200);       // either drag direction
  CHECK(sel.t_of(0) == Approx(2000));
  CHECK(sel.end_ns() == Approx(6000));
  CHECK(s.centred_on(5000).x_of(5000) == Approx(500));
}

TEST_CASE("axis ticks are 1-2-5 steps in one readable unit", "[time_scale]") {
  TimeScale s{0, 20, 1000};  // 0 .. 20 µs
  auto ticks = s.ticks(90);
  REQUIRE(ticks.size() >= 5);
  CHECK(ticks[0].label == "0");
  CHECK(ticks[1].label == "2 µs");
  CHECK(ticks[1].x == Approx(100));
  for (size_t i = 1; i < ticks.size(); ++i) CHECK(ticks[i].x - ticks[i - 1].x >= 90);

  TimeScale sec{2.5e9, 5e6, 1000};  // 2.5 s .. 7.5 s
  auto st = sec.ticks(90);
  REQUIRE(!st.empty());
  CHECK(st[0].label == "2.5 s");
  CHECK(cspview::format_time_in_unit(1500, 1e3) == "1.5 µs");
  CHECK(cspview::format_time_in_unit(250, 1) == "250 ns");
}
