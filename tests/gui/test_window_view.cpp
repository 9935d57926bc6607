// Point 1 of issue 22 (fit on the run, stay within the trace, zoom around the cursor) and the
// view history of jumps (point 8), on the real window.
#include <catch2/catch.hpp>

#include "window_actions.hpp"
#include "window_fixture.hpp"

#include <QCheckBox>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <optional>

using namespace cspview;

TEST_CASE("a trace opens on its run, not on the idle tail before `end`", "[window][view]") {
  QTemporaryDir dir;
  OpenWindow o(write_idle_tail_trace(dir));
  REQUIRE(o.ok);
  const QJsonObject v = o.w.view_json();
  const double v0 = v["visible_ns"].toArray()[0].toDouble(),
               v1 = v["visible_ns"].toArray()[1].toDouble();
  const double r0 = v["run_ns"].toArray()[0].toDouble(), r1 = v["run_ns"].toArray()[1].toDouble();
  CHECK(r0 == 1000);
  CHECK(r1 == 5000);
  CHECK(v0 <= r0);
  CHECK(v1 >= r1);
  CHECK(v1 - v0 < 1.2 * (r1 - r0));  // the run fills the view (900 µs of tail would be 99%)
  // Zooming out as far as it goes never lets the tail take most of the screen.
  TimelineWidget* tl = o.w.timeline();
  for (int i = 0; i < 30; ++i) tl->zoom(0.5);
  CHECK(tl->scale().end_ns() - tl->scale().start_ns <= o.w.document()->run().max_view() + 1);
  CHECK(tl->scale().start_ns >= 0);
  // Panning is bounded too: never before time 0, never past `end`.
  for (int i = 0; i < 100; ++i) tl->set_scale(tl->scale().panned(-400), false);
  CHECK(tl->scale().end_ns() <= o.w.document()->run().view_hi() + 1);
  for (int i = 0; i < 100; ++i) tl->set_scale(tl->scale().panned(400), false);
  CHECK(tl->scale().start_ns >= 0);
}

TEST_CASE("Ctrl+= zooms around the cursor when it is in view", "[window][view]") {
  OpenWindow o(fixture_path("hotdog.jsonl"));
  REQUIRE(o.ok);
  o.w.actions().follow->setChecked(false);
  o.w.seek_event(6);
  TimelineWidget* tl = o.w.timeline();
  tl->fit_all();
  const double t = double(o.w.document()->model().time(6));
  const double x_before = tl->scale().x_of(t);
  o.w.actions().zoom_in->trigger();
  CHECK(tl->scale().x_of(t) == Approx(x_before).margin(1));
}

TEST_CASE("N and W jumps go into the view history, Alt+Left returns", "[window][view]") {
  OpenWindow o(fixture_path("hotdog.jsonl"));
  REQUIRE(o.ok);
  const auto& m = o.w.document()->model();
  o.w.seek_event(7);  // the machine resumes, woken by main's transfer (index 6)
  REQUIRE(m.kind(7) == csptrace::EventKind::Resume);
  o.w.actions().waker->trigger();
  CHECK(o.w.stepper().current_event() == 6u);
  REQUIRE(o.w.timeline()->can_back());
  o.w.actions().back->trigger();
  CHECK(o.w.stepper().current_event() == 7u);
  o.w.actions().forward->trigger();
  CHECK(o.w.stepper().current_event() == 6u);

  OpenWindow d(fixture_path("gui-philosophers-deadlock.jsonl"));
  REQUIRE(d.ok);
  d.w.seek_event(3);
  d.w.actions().next_finding->trigger();
  const auto at_finding = d.w.stepper().current_event();
  CHECK(at_finding != 3u);
  d.w.actions().back->trigger();
  CHECK(d.w.stepper().current_event() == 3u);
}

TEST_CASE("stepping with follow on keeps the step and its neighbours in a readable view",
          "[window][story]") {
  OpenWindow o(fixture_path("finding-recorded-philosophers.jsonl"));
  REQUIRE(o.ok);
  TimelineWidget* tl = o.w.timeline();
  tl->fit_all();
  o.w.stepper().to_start();
  for (int i = 0; i < 20; ++i) o.w.stepper().next();
  const size_t at = *o.w.stepper().current_event();
  const auto& m = o.w.document()->model();
  for (size_t i = at - 3; i <= at + 3; ++i) {
    CHECK(double(m.time(i)) >= tl->scale().start_ns);
    CHECK(double(m.time(i)) <= tl->scale().end_ns());
  }
  // Off, stepping leaves the zoom alone.
  o.w.actions().follow->setChecked(false);
  tl->fit_all();
  const double zoom = tl->scale().ns_per_px;
  o.w.stepper().next();
  CHECK(tl->scale().ns_per_px == zoom);
}

TEST_CASE(
    "only with selected shows the lanes that interact with the selected process once "
    "they are found off the GUI thread",
    "[window][view]") {
  OpenWindow o(fixture_path("gui-philosophers-deadlock.jsonl"));
  REQUIRE(o.ok);
  const csptrace::TraceModel& m = o.w.document()->model();
  // A process that does not interact with every lane, and one of its events.
  std::optional<size_t> event;
  Interactions want;
  for (size_t i = 0; i < m.size() && !event; ++i) {
    const uint32_t p = m.proc_index(i);
    if (p == csptrace::kNone) continue;
    Interactions in = interactions_of(m, p);
    if (std::count(in.processes.begin(), in.processes.end(), true) +
            std::count(in.channels.begin(), in.channels.end(), true) <
        std::ptrdiff_t(m.processes().size() + m.channels().size())) {
      event = i;
      want = std::move(in);
    }
  }
  REQUIRE(event);
  const qint64 all_rows = o.w.view_json()["lane_rows"].toInteger();
  o.w.seek_event(*event);
  for (QCheckBox* c : o.w.findChildren<QCheckBox*>())
    if (c->text() == QStringLiteral("only with selected")) c->setChecked(true);
  for (int i = 0; i < 500 && o.w.focusing_lanes(); ++i)
    QApplication::processEvents(QEventLoop::AllEvents, 10);
  REQUIRE_FALSE(o.w.focusing_lanes());
  const QJsonObject v = o.w.view_json();
  const uint32_t p = m.proc_index(*event);
  CHECK(v["lane_focus"].toString().toStdString() == o.w.document()->process_label(p));
  const qint64 shown = std::count(want.processes.begin(), want.processes.end(), true) +
                       std::count(want.channels.begin(), want.channels.end(), true);
  CHECK(v["lane_rows"].toInteger() == shown + 2);
  CHECK(v["lane_rows"].toInteger() < all_rows);
  // Off again: every lane, at once.
  for (QCheckBox* c : o.w.findChildren<QCheckBox*>())
    if (c->text() == QStringLiteral("only with selected")) c->setChecked(false);
  CHECK(o.w.view_json()["lane_rows"].toInteger() == all_rows);
  CHECK(o.w.view_json()["lane_focus"].isNull());
}
