// Point 10 of issue 22: a small window gives the timeline the room, names are elided sensibly.
#include <catch2/catch.hpp>

#include "analysis_status.hpp"
#include "window_fixture.hpp"

#include <QDockWidget>
#include <QHeaderView>
#include <QTableView>
#include <QToolButton>

using namespace cspview;

TEST_CASE("at 1024x640 the timeline gets more than half the width", "[window][small]") {
  OpenWindow o(fixture_path("finding-recorded-philosophers.jsonl"), {1024, 640});
  REQUIRE(o.ok);
  QApplication::processEvents();
  CHECK(o.w.timeline()->width() >= 0.5 * 1024);
  const TimelineScene s = o.w.timeline()->scene();
  CHECK(s.lanes_rect().width() >= 0.35 * 1024);
}

TEST_CASE("the \"where\" column of At the cursor is on screen in a narrow dock",
          "[window][small]") {
  OpenWindow o(fixture_path("finding-recorded-philosophers.jsonl"), {1024, 640});
  REQUIRE(o.ok);
  // At this width the side panels share the right column as tabs; show "At the cursor".
  auto* dock = o.w.findChild<QDockWidget*>(QStringLiteral("state"));
  REQUIRE(dock);
  dock->raise();
  QApplication::processEvents();
  QTableView* procs = nullptr;
  for (QTableView* v : o.w.findChildren<QTableView*>())
    if (dynamic_cast<ProcessStateModel*>(v->model())) procs = v;
  REQUIRE(procs);
  const int where = ProcessStateModel::Where;
  CHECK(procs->columnViewportPosition(where) + 20 <= procs->viewport()->width());
  bool phil = false;
  for (int r = 0; r < procs->model()->rowCount(); ++r)
    if (procs->model()->data(procs->model()->index(r, ProcessStateModel::Name)).toString() ==
        "phil-0") {
      CHECK(procs->model()->data(procs->model()->index(r, where)).toString() == "main.cpp:52");
      phil = true;
    }
  CHECK(phil);
}

TEST_CASE("the analysis status shows its step and how far and a Stop button", "[window][small]") {
  OpenWindow o(fixture_path("finding-recorded-philosophers.jsonl"), {1024, 640});
  REQUIRE(o.ok);
  AnalysisStatus* status = o.w.analysis_status();
  REQUIRE(status);
  CHECK_FALSE(status->isVisibleTo(&o.w));  // analysed already: nothing runs
  status->show_step(QStringLiteral("replaying"), 0.42);
  CHECK(status->isVisibleTo(&o.w));
  CHECK(status->text() == QStringLiteral("Replaying the run: 42%"));
  status->show_step(QStringLiteral("judging"), -1);
  CHECK(status->text() == QStringLiteral("Judging the run"));
  bool asked = false;
  QObject::connect(status, &AnalysisStatus::stop_requested, [&] { asked = true; });
  auto* stop = status->findChild<QToolButton*>();
  REQUIRE(stop);
  stop->click();
  CHECK(asked);
  status->finish();
  CHECK_FALSE(status->isVisibleTo(&o.w));
  // A small trace's analysis does not flash it: it shows only once it has run a moment.
  status->start();
  status->show_step(QStringLiteral("replaying"), 0.5);
  CHECK_FALSE(status->isVisibleTo(&o.w));
}
