// Point 9 of issue 22 (search off the GUI thread, the list following the cursor) and the small
// things of point 11, on the real window.
#include <catch2/catch.hpp>

#include "search_bar.hpp"
#include "window_actions.hpp"
#include "window_fixture.hpp"

#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace cspview;

TEST_CASE("search runs in the background, counts, marks and steps through matches",
          "[window][search]") {
  OpenWindow o(fixture_path("hotdog.jsonl"));
  REQUIRE(o.ok);
  QSignalSpy done(&o.w, &MainWindow::search_done);
  QElapsedTimer t;
  t.start();
  o.w.search(QStringLiteral("hot dog"));
  CHECK(t.elapsed() < 100);  // it returns at once; the result comes later
  REQUIRE((done.size() == 1 || done.wait(5000)));
  const SearchResult* r = o.w.search_result();
  REQUIRE(r);
  REQUIRE(r->events.size() >= 2);
  CHECK(o.w.timeline()->scene().matches == r);  // marked on the timeline
  o.w.stepper().to_start();
  o.w.step_match(true);
  CHECK(o.w.stepper().current_event() == size_t(r->events[0]));
  o.w.step_match(true);
  CHECK(o.w.stepper().current_event() == size_t(r->events[1]));
  o.w.step_match(false);
  CHECK(o.w.stepper().current_event() == size_t(r->events[0]));
  // Enter in the box steps to the next match; Shift+Enter to the one before.
  QLineEdit* box = o.w.search_bar()->edit();
  QTest::keyClick(box, Qt::Key_Return);
  CHECK(o.w.stepper().current_event() == size_t(r->events[1]));
  QTest::keyClick(box, Qt::Key_Return, Qt::ShiftModifier);
  CHECK(o.w.stepper().current_event() == size_t(r->events[0]));
}

TEST_CASE("Enter before the search is done steps when its result arrives", "[window][search]") {
  OpenWindow o(fixture_path("hotdog.jsonl"));
  REQUIRE(o.ok);
  QSignalSpy done(&o.w, &MainWindow::search_done);
  o.w.stepper().to_start();
  QLineEdit* box = o.w.search_bar()->edit();
  box->setText(QStringLiteral("lettuce"));
  QTest::keyClick(box, Qt::Key_Return);
  REQUIRE((done.size() == 1 || done.wait(5000)));
  REQUIRE(o.w.search_result());
  REQUIRE(o.w.search_result()->events.size() == 1);
  CHECK(o.w.stepper().current_event() == size_t(o.w.search_result()->events.front()));
}

TEST_CASE("the event list follows the cursor, and moving in it moves the cursor",
          "[window][list]") {
  OpenWindow o(fixture_path("hotdog.jsonl"));
  REQUIRE(o.ok);
  EventListView* list = o.w.event_view();
  o.w.seek_event(10);
  CHECK(list->current_row() == 10);
  list->setFocus();
  QTest::keyClick(list, Qt::Key_Down);
  CHECK(o.w.stepper().current_event() == 11u);
  QTest::keyClick(list, Qt::Key_Up);
  QTest::keyClick(list, Qt::Key_Up);
  CHECK(o.w.stepper().current_event() == 9u);
  // A newly opened file starts at its top.
  o.w.seek_event(o.w.document()->model().size() - 1);
  QString error;
  REQUIRE(o.w.open_file_now(fixture_path("gui-alts-timeout.jsonl"), &error));
  o.w.stepper().to_start();
  QApplication::processEvents();
  CHECK(list->top_row() == 0);
  // Home and End in the list go to the first and the last event.
  list->setFocus();
  QTest::keyClick(list, Qt::Key_End);
  CHECK(o.w.stepper().current_event() == o.w.document()->model().size() - 1);
  QTest::keyClick(list, Qt::Key_Home);
  CHECK(o.w.stepper().current_event() == 0u);
}

TEST_CASE("stepping controls stay disabled until the replay is in", "[window][loading]") {
  MainWindow w;
  auto quick = read_document((QStringLiteral(CSP_FIXTURES "/") + "hotdog.jsonl").toStdString());
  w.show_document(quick, QStringLiteral("hotdog"));
  for (QAction* a : w.actions().stepping()) CHECK_FALSE(a->isEnabled());
  w.show_analysis(quick->with_analysis());
  for (QAction* a : w.actions().stepping()) CHECK(a->isEnabled());
}

TEST_CASE("an empty trace says so, and a cut-short one shows its warning where it is seen",
          "[window][loading]") {
  QTemporaryDir dir;
  const QString empty = dir.filePath(QStringLiteral("empty.jsonl"));
  std::ofstream(empty.toStdString()) << R"({"kind":"header","format":"cspscope-trace","version":1})"
                                     << "\n";
  OpenWindow e(empty);
  REQUIRE(e.ok);
  CHECK(e.w.findings_panel()->explanation_html().contains("This trace has no events"));
  CHECK_FALSE(e.w.findings_panel()->explanation_html().contains("No problems found"));
  CHECK(e.w.view_json()["caption"].toString() == "This trace has no events.");
  for (QAction* a : e.w.actions().stepping()) CHECK_FALSE(a->isEnabled());

  OpenWindow cut(fixture_path("finding-stranded-wait.jsonl"));  // no `end`: cut short
  REQUIRE(cut.ok);
  CHECK(cut.w.timeline()->scene().warning.contains("cut short"));
  CHECK(cut.w.view_json()["warning"].toString().contains("cut short"));
  auto* label = cut.w.findings_panel()->findChild<QLabel*>(QStringLiteral("trace_warning"));
  REQUIRE(label);
  CHECK(label->isVisibleTo(cut.w.findings_panel()));
}

TEST_CASE("the number column fits a 7-digit event number", "[window][list]") {
  OpenWindow o(fixture_path("hotdog.jsonl"));
  REQUIRE(o.ok);
  EventListView* list = o.w.event_view();
  CHECK(list->column_width(EventListModel::Seq) >
        list->fontMetrics().horizontalAdvance(QStringLiteral("9999999")) + 6);
}

TEST_CASE("a process without a spawn location does not say \"spawned at ?\"", "[window][tooltip]") {
  OpenWindow o(fixture_path("hotdog.jsonl"));
  REQUIRE(o.ok);
  const TimelineScene s = o.w.timeline()->scene();
  for (size_t r = 0; r < s.layout->row_count(); ++r) {
    const LaneRow row = s.layout->row(r);
    if (row.kind != RowKind::Process) continue;
    const QString tip = o.w.timeline()->tooltip(QPoint(20, s.row_centre(row)));
    CHECK(tip.contains("process"));
    CHECK_FALSE(tip.contains("?"));
  }
}
