// Where things go on the timeline, without a widget: the run and its idle tail, a view kept
// within the trace, the wait-for cycle's own strip.
#include <catch2/catch.hpp>

#include "cycle_strip.hpp"
#include "fixture_document.hpp"
#include "run_span.hpp"
#include "time_scale.hpp"

#include <csptrace/trace_reader.hpp>

#include <QTemporaryDir>

#include <fstream>

using namespace cspview;

TEST_CASE("the run ends at its last real event, not at `end`", "[run_span]") {
  QTemporaryDir dir;
  const std::string path = dir.filePath(QStringLiteral("tail.jsonl")).toStdString();
  std::ofstream(path) << R"({"kind":"header","format":"cspscope-trace","version":1}
{"seq":1,"t":1000,"kind":"spawn","proc":1,"name":"main","mode":"main"}
{"seq":2,"t":5000,"kind":"exit","proc":1,"status":"ok"}
{"seq":3,"t":900000,"kind":"end","reason":"normal"}
)";
  const RunSpan r = run_span_of(csptrace::load_trace(path));
  CHECK(r.first == 1000);
  CHECK(r.last == 5000);
  CHECK(r.end == 900000);
  CHECK(r.idle_tail() == 895000);
  CHECK(r.view_lo() >= 0);             // never negative time
  CHECK(r.view_hi() > 900000);         // the tail can be panned to
  CHECK(r.max_view() < 900000 / 2.0);  // but never zoomed out to fill the screen
  // A trace without `end` (cut short): the run is all of it.
  const RunSpan cut = run_span_of(fixture("finding-stranded-wait.jsonl")->model());
  CHECK(cut.end == cut.last);
  CHECK(run_span_of(csptrace::TraceModel{}).duration() == 0);
}

TEST_CASE("a view is kept within the trace", "[time_scale]") {
  const TimeScale wide{-5000, 100, 1000};  // 100 µs from -5 µs
  const TimeScale b = wide.bounded(0, 20000, 10000);
  CHECK(b.start_ns >= 0);
  CHECK(b.end_ns() <= 20000 + 1e-6);
  CHECK(b.end_ns() - b.start_ns <= 10000 + 1e-6);  // zoomed in to the widest allowed
  const TimeScale late{19500, 1, 1000};            // past the end
  CHECK(late.bounded(0, 20000, 10000).end_ns() == Approx(20000));
  const TimeScale inside{5000, 2, 1000};
  CHECK(inside.bounded(0, 20000, 10000) == inside);  // a view inside stays as it is
}

TEST_CASE("axis labels read 12.85 ms, not 12850 µs", "[time_scale]") {
  const TimeScale s{12.80e6, 120, 1000};  // 12.8 ms .. 12.92 ms
  const auto ticks = s.ticks(90);
  REQUIRE_FALSE(ticks.empty());
  for (const AxisTick& t : ticks) CHECK(t.label.find(" ms") != std::string::npos);
}

TEST_CASE("the wait-for cycle has a strip of its own, each edge leading to its park", "[cycle]") {
  auto doc = fixture("gui-philosophers-deadlock.jsonl");
  size_t f = 0;
  while (f < doc->findings().size() && doc->findings()[f].kind != csptrace::FindingKind::WaitCycle)
    ++f;
  REQUIRE(f < doc->findings().size());
  const TimelineOverlay o = doc->overlay_for(f);
  REQUIRE(o.cycle.size() == 3);
  LaneLayout::Options opt;
  const LaneLayout layout(doc->model(), opt);
  const int width = CycleStrip::width_for(o.cycle.size(), 1.0);
  const CycleStrip strip(o.cycle, layout, 800, width, 30);
  REQUIRE(strip.columns().size() == 3);
  for (const CycleColumn& c : strip.columns()) {
    CHECK(c.x > 800);
    CHECK(c.x < 800 + width);
    CHECK(c.y_chan.has_value());
    CHECK(doc->model().kind(c.park_event) == csptrace::EventKind::Park);
    CHECK(doc->model().proc_index(c.park_event) == o.cycle[c.edge].waiter);
    // A click on the column, between its rows, is that edge.
    CHECK(strip.edge_at(c.x + 2, (c.y_waiter + *c.y_chan) / 2) == c.edge);
  }
  CHECK_FALSE(
      strip.edge_at(700, strip.columns().front().y_waiter).has_value());  // left of the strip
}
