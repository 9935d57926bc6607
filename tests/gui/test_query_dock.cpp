// The viewer's Query dock (issue 27): SQL on the open trace's tables, the same tables as
// `csptrace query` (docs/query.md example 4, the longest waits), and a click on an event number
// moving the cursor to that event. The figures are checked against the trace itself: the
// longest wait's begin_seq is a park or block of the process the row names.
#include "query_dock.hpp"
#include "window_fixture.hpp"

#include "event_number.hpp"
#include "step_controller.hpp"

#include <csptrace/trace_model.hpp>

#include <QElapsedTimer>
#include <QSignalSpy>

#include <catch2/catch.hpp>

using namespace cspview;

namespace {

const QueryResult& run_and_wait(QueryDock& dock, const QString& sql) {
  QSignalSpy shown(&dock, &QueryDock::result_shown);
  dock.run(sql);
  REQUIRE(shown.wait(60000));
  return dock.result();
}

}  // namespace

TEST_CASE(
    "the Query dock runs SQL on the trace's tables and a click on an event number moves the cursor",
    "[window][query]") {
  OpenWindow ow(fixture_path("gui-philosophers-deadlock.jsonl"));
  REQUIRE(ow.ok);
  QueryDock* dock = add_query_dock(ow.w);
  const QueryResult& r = run_and_wait(
      *dock,
      QStringLiteral("SELECT p.label AS process, s.state, s.begin_seq FROM states s "
                     "JOIN processes p ON p.id = s.proc WHERE s.state IN ('parked', 'blocked') "
                     "ORDER BY s.t_end - s.t_begin DESC, s.begin_seq LIMIT 5"));
  REQUIRE(r.error.isEmpty());
  CHECK(r.columns == QStringList{QStringLiteral("process"), QStringLiteral("state"),
                                 QStringLiteral("begin_seq")});
  REQUIRE(!r.rows.empty());
  const csptrace::TraceModel& m = ow.w.document()->model();
  // The row's begin_seq is the event that began the wait: a park or block by the named process.
  const auto e = dock->event_at(0, 0);  // a click on the process name uses the row's begin_seq
  REQUIRE(e.has_value());
  CHECK(*e == *event_at_number(m, r.rows[0][2].toULongLong()));
  const csptrace::EventKind k = m.kind(*e);
  CHECK((k == csptrace::EventKind::Park || k == csptrace::EventKind::Block));
  CHECK(ow.w.document()->process_label(m.proc_index(*e)) == r.rows[0][0].toStdString());
  ow.w.seek_event(*e);
  CHECK(ow.w.stepper().current_event() == e);
}

TEST_CASE("the Query dock says where bad SQL is wrong, and refuses a statement that writes",
          "[window][query]") {
  OpenWindow ow(fixture_path("hotdog.jsonl"));
  REQUIRE(ow.ok);
  QueryDock* dock = add_query_dock(ow.w);
  const QueryResult& bad =
      run_and_wait(*dock, QStringLiteral("SELECT kind\nFROM events WHER kind = 1"));
  CHECK(bad.error.contains(QStringLiteral("near \"kind\": syntax error")));
  CHECK(bad.error.contains(QStringLiteral("line 2, column 18")));  // as csptrace query says it
  const QueryResult& no_table = run_and_wait(*dock, QStringLiteral("SELECT kind FROM evnts"));
  CHECK(no_table.error.contains(QStringLiteral("no such table: evnts")));
  const QueryResult& write = run_and_wait(*dock, QStringLiteral("DELETE FROM events"));
  CHECK(!write.error.isEmpty());
  const QueryResult& count = run_and_wait(*dock, QStringLiteral("SELECT COUNT(*) FROM events"));
  REQUIRE(count.error.isEmpty());
  CHECK(count.rows.at(0).at(0).toULongLong() == ow.w.document()->model().size());
}

TEST_CASE(
    "Stop ends a query that would never end, and the dock's end does not wait for one (issue "
    "26: cancel in the viewer)",
    "[window][query]") {
  OpenWindow ow(fixture_path("hotdog.jsonl"));
  REQUIRE(ow.ok);
  QueryDock* dock = add_query_dock(ow.w);
  const QString endless = QStringLiteral(
      "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT COUNT(*) FROM n");
  {
    QSignalSpy shown(dock, &QueryDock::result_shown);
    dock->run(endless);
    CHECK(!shown.wait(300));  // it runs
    dock->stop();
    REQUIRE(shown.wait(10000));
    CHECK(dock->result().error == QStringLiteral("Stopped."));
    CHECK(dock->result().rows.empty());
  }
  // The tables stay built: the next query runs as usual.
  QSignalSpy shown(dock, &QueryDock::result_shown);
  dock->run(QStringLiteral("SELECT COUNT(*) FROM events"));
  REQUIRE(shown.wait(10000));
  REQUIRE(dock->result().error.isEmpty());
  CHECK(dock->result().rows.at(0).at(0) == QStringLiteral("30"));
  dock->run(endless);
  QElapsedTimer clock;
  clock.start();
  delete dock;
  CHECK(clock.elapsed() < 10000);
}
