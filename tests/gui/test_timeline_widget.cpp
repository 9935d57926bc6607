#include <catch2/catch.hpp>

#include "fixture_document.hpp"
#include "timeline_widget.hpp"

#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>

using namespace cspview;

namespace {

struct Fixture {
  TimelineWidget tl;
  std::shared_ptr<const TraceDocument> doc = fixture("hotdog.jsonl");
  Fixture() {
    tl.resize(1000, 400);
    tl.set_document(doc);
  }
  // Screen position of event e on its process lane (or its channel lane).
  QPoint where(size_t e) {
    const TimelineScene s = tl.scene();
    const auto& m = doc->model();
    std::optional<LaneRow> row = m.proc_index(e) != csptrace::kNone
                                     ? s.layout->process_row(m.proc_index(e))
                                     : s.layout->channel_row(m.chan_index(e));
    return QPoint(int(std::lround(s.x_of(double(m.time(e))))), s.row_top(*row) + row->height / 2);
  }
  void wheel(QPoint pos, int delta, Qt::KeyboardModifiers mods) {
    QWheelEvent ev(pos, tl.mapToGlobal(pos), QPoint(), QPoint(0, delta), Qt::NoButton, mods,
                   Qt::NoScrollPhase, false);
    QApplication::sendEvent(&tl, &ev);
  }
};

}  // namespace

TEST_CASE("the timeline fits the run and finds the event under the mouse", "[timeline]") {
  Fixture f;
  const TimelineScene s = f.tl.scene();
  CHECK(s.x_of(double(f.doc->t_begin())) >= s.label_width());
  CHECK(s.x_of(double(f.doc->t_end())) <= f.tl.width());
  const size_t transfer = 6;  // seq 7: main hands "pocket lint" to the machine, on "in"
  CHECK(f.tl.event_at(f.where(transfer) + QPoint(2, 0)) == transfer);
  CHECK_FALSE(f.tl.event_at(QPoint(5, f.where(transfer).y())).has_value());  // the label column
}

TEST_CASE("Ctrl+wheel zooms around the mouse, Back undoes it", "[timeline]") {
  Fixture f;
  const TimeScale before = f.tl.scale();
  const QPoint at(600, 150);
  const double t_at = f.tl.scene().scale.t_of(at.x() - f.tl.scene().label_width());
  f.wheel(at, 240, Qt::ControlModifier);
  const TimelineScene s = f.tl.scene();
  CHECK(s.scale.ns_per_px < before.ns_per_px);
  CHECK(s.scale.t_of(at.x() - s.label_width()) == Approx(t_at));
  REQUIRE(f.tl.can_back());
  f.tl.back();
  CHECK(f.tl.scale().ns_per_px == Approx(before.ns_per_px));
  CHECK(f.tl.can_forward());
}

TEST_CASE("dragging pans, Shift+drag zooms to the selection, a click selects", "[timeline]") {
  Fixture f;
  // At the fitted view of a trace starting at t = 0, dragging right cannot show negative time.
  QTest::mousePress(&f.tl, Qt::LeftButton, {}, QPoint(500, 150));
  QTest::mouseMove(&f.tl, QPoint(600, 150));
  QTest::mouseRelease(&f.tl, Qt::LeftButton, {}, QPoint(600, 150));
  CHECK(f.tl.scale().start_ns >= 0);
  // Zoomed in on the middle, a drag pans by exactly the distance dragged.
  f.tl.show_range(8000, 10000);
  const double start = f.tl.scale().start_ns;
  QTest::mousePress(&f.tl, Qt::LeftButton, {}, QPoint(500, 150));
  QTest::mouseMove(&f.tl, QPoint(600, 150));
  QTest::mouseRelease(&f.tl, Qt::LeftButton, {}, QPoint(600, 150));
  CHECK(f.tl.scale().start_ns == Approx(start - 100 * f.tl.scale().ns_per_px));

  f.tl.fit_all();
  const TimelineScene s = f.tl.scene();
  const double t0 = s.scale.t_of(300 - s.label_width()), t1 = s.scale.t_of(500 - s.label_width());
  QTest::mousePress(&f.tl, Qt::LeftButton, Qt::ShiftModifier, QPoint(300, 150));
  QTest::mouseMove(&f.tl, QPoint(500, 150));
  QTest::mouseRelease(&f.tl, Qt::LeftButton, Qt::ShiftModifier, QPoint(500, 150));
  CHECK(f.tl.scale().t_of(0) == Approx(t0));
  CHECK(f.tl.scale().end_ns() == Approx(t1));

  f.tl.fit_all();
  QSignalSpy clicked(&f.tl, &TimelineWidget::event_clicked);
  QTest::mouseClick(&f.tl, Qt::LeftButton, {}, f.where(6));
  REQUIRE(clicked.size() == 1);
  CHECK(clicked.front().at(0).value<size_t>() == 6u);
}

TEST_CASE("clicking a group title folds the group", "[timeline]") {
  Fixture f;
  const int rows = int(f.tl.scene().layout->row_count());
  const int title_y = f.tl.scene().lanes_top() + 5;
  QTest::mouseClick(&f.tl, Qt::LeftButton, {}, QPoint(40, title_y));
  CHECK(int(f.tl.scene().layout->row_count()) == rows - 2);  // the two process lanes are gone
  CHECK(f.tl.scene().processes_collapsed);
}

TEST_CASE("tooltips name the event, else the state span under the mouse", "[timeline]") {
  Fixture f;
  CHECK(f.tl.tooltip(f.where(6) + QPoint(1, 0)).contains("pocket lint"));
  // Halfway through the machine's first wait (3.0 µs .. 5.1 µs): parked, taking from "in".
  const TimelineScene s = f.tl.scene();
  std::optional<LaneRow> machine = s.layout->process_row(1);
  const QPoint mid(int(s.x_of(4000)), s.row_top(*machine) + machine->height / 2);
  const QString tip = f.tl.tooltip(mid);
  CHECK(tip.contains("parked: take in"));
  CHECK(tip.contains("from 3.000 µs for 2.100 µs"));
}
