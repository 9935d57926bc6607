// The sequence chart in the window: a tab on the one cursor, clicks that move it, describe()
// for --view-json, SVG export with names and values as text, and the command line that
// chooses the view (--view sequence, the old --view BEGIN:END still a time range).
#include <catch2/catch.hpp>

#include "command_line.hpp"
#include "cspview_run.hpp"
#include "sequence_chart_view.hpp"
#include "view_export.hpp"
#include "view_tabs.hpp"
#include "window_fixture.hpp"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QWheelEvent>

using namespace cspview;

namespace {

SequenceChartView* sequence_of(MainWindow& w) {
  REQUIRE(w.views()->show_view(QStringLiteral("sequence")));
  auto* v = qobject_cast<SequenceChartView*>(w.views()->current_view());
  REQUIRE(v);
  QApplication::processEvents();
  return v;
}

QJsonObject read_json(const QString& path) {
  QFile f(path);
  REQUIRE(f.open(QIODevice::ReadOnly));
  return QJsonDocument::fromJson(f.readAll()).object();
}

}  // namespace

TEST_CASE("the views are tabs on one cursor, --view names them", "[window][sequence]") {
  OpenWindow o(fixture_path("hotdog.jsonl"));
  REQUIRE(o.ok);
  CHECK(o.w.views()->names().mid(0, 2) == QStringList{"timeline", "sequence"});
  CHECK(o.w.views()->current_name() == "timeline");
  CHECK_FALSE(o.w.views()->show_view(QStringLiteral("sequnce")));
  SequenceChartView* v = sequence_of(o.w);
  // Stepping moves the chart's cursor with the timeline's.
  o.w.seek_event(9);  // #10: the machine hands "wilted lettuce" to main
  const QJsonObject d = v->describe();
  CHECK(d["view"].toString() == "sequence");
  CHECK(d["cursor_event"].toInt() == 10);
  CHECK(d["current"].toObject()["label"].toString() == "out: \"wilted lettuce\"");
  CHECK(d["arrows"].toArray().size() == 6);
  CHECK(d["lifelines"].toArray() == QJsonArray{"main", "hot-dog-machine"});
  CHECK(d["stuck"].toArray().isEmpty());
  // --view-json carries the shown view's description.
  CHECK(o.w.view_json()["active_view"].toObject()["view"].toString() == "sequence");
  o.w.views()->show_view(QStringLiteral("timeline"));
  CHECK(o.w.view_json()["active_view"].toObject()["view"].toString() == "timeline");
}

TEST_CASE("clicking an arrow of the sequence chart moves the cursor of every view",
          "[window][sequence]") {
  OpenWindow o(fixture_path("hotdog.jsonl"));
  REQUIRE(o.ok);
  SequenceChartView* v = sequence_of(o.w);
  o.w.stepper().to_start();
  const SequenceFrame fr = v->frame();
  // The row of the third arrow (#13, `in: 3`).
  size_t row = 0;
  int arrows = 0;
  for (size_t r = 0; r < v->layout().rows().size(); ++r)
    if (v->layout().rows()[r].kind == SeqRow::Kind::Message && ++arrows == 3) row = r;
  REQUIRE(fr.has_row(row));
  const SeqRow& target = v->layout().rows()[row];
  const QPoint at(int((fr.lane_x[target.from] + fr.lane_x[target.to]) / 2), int(fr.y_of(row)));
  QTest::mouseClick(v, Qt::LeftButton, {}, at);
  REQUIRE(o.w.stepper().current_event() == size_t(target.event));
  CHECK(o.w.document()->model().seq(target.event) == 13);
  CHECK(o.w.view_json()["cursor_event"].toInt() == 13);
}

TEST_CASE("the hot dog's sequence chart as SVG has its names and values as text",
          "[window][sequence][export]") {
  OpenWindow o(fixture_path("hotdog.jsonl"));
  REQUIRE(o.ok);
  sequence_of(o.w);
  o.w.seek_event(o.w.document()->model().size() - 1);
  QTemporaryDir dir;
  const QString svg = dir.filePath(QStringLiteral("hotdog.svg"));
  QString error;
  REQUIRE(o.w.export_view(svg, &error));
  QFile f(svg);
  REQUIRE(f.open(QIODevice::ReadOnly));
  const QString text = QString::fromUtf8(f.readAll());
  // Each as the content of a <text> element, not as outlines.
  auto as_text = [&](const QString& s) {
    return text.contains(
        QRegularExpression(QStringLiteral("<text[^>]*>[^<]*") + QRegularExpression::escape(s)));
  };
  for (const char* s :
       {"main", "hot-dog-machine", "in: ", "out: ", "pocket lint", "wilted lettuce", "hot dog"})
    CHECK(as_text(QString::fromUtf8(s)));
  // A PNG through the same painter.
  const QString png = dir.filePath(QStringLiteral("hotdog.png"));
  REQUIRE(o.w.export_view(png, &error));
  CHECK(QImage(png).size() == o.w.views()->current_view()->frame_size());
}

TEST_CASE("the deadlocked philosophers' chart names the stuck and the cycle",
          "[window][sequence]") {
  OpenWindow o(fixture_path("gui-philosophers-deadlock.jsonl"), {1024, 768});
  REQUIRE(o.ok);
  SequenceChartView* v = sequence_of(o.w);
  const QJsonObject d = v->describe();
  CHECK_FALSE(d["stuck"].toArray().isEmpty());
  CHECK_FALSE(d["cycle"].toArray().isEmpty());
  // The window opens on the deadlock (the first error): its row is shown.
  const auto fr = v->frame();
  REQUIRE(fr.cursor_row);
  CHECK(fr.has_row(*fr.cursor_row));
}

TEST_CASE("real-time spacing and channel lifelines are toggles of the chart",
          "[window][sequence]") {
  OpenWindow o(fixture_path("hotdog.jsonl"));
  REQUIRE(o.ok);
  SequenceChartView* v = sequence_of(o.w);
  v->set_channel_lifelines(true);
  CHECK(v->describe()["lifelines"].toArray().size() == 4);
  v->set_real_time(true);
  CHECK(v->describe()["real_time"].toBool());
  v->set_channel_lifelines(false);
  CHECK(v->describe()["lifelines"].toArray().size() == 2);
}

TEST_CASE("cspview --view takes a view's name or, with a colon, the old time range",
          "[window][cli][sequence]") {
  CHECK(parse_command_line({"cspview", "--view", "sequence"}).view_name == "sequence");
  CHECK_FALSE(parse_command_line({"cspview", "--view", "sequence"}).view.has_value());
  CHECK(parse_command_line({"cspview", "--view", "4us:8us"}).view.has_value());
  CHECK(parse_command_line({"cspview", "--view", "4us:8us"}).view_name.isEmpty());
  CHECK(parse_command_line({"cspview", "--view", "4us"}).error.contains("view's name"));
  CHECK(parse_command_line({"cspview", "--from", "3"}).error.contains("--export-steps"));
  CHECK(parse_command_line({"cspview", "--export-steps", "d", "--from", "9", "--to", "3"})
            .error.contains("before"));
  const auto steps =
      parse_command_line({"cspview", "t", "--export-steps", "d", "--from", "#2", "--to", "5"});
  CHECK(steps.error.isEmpty());
  CHECK(steps.from == 2u);
  CHECK(steps.to == 5u);
  CHECK(parse_command_line({"cspview", "--at", "bookmark:first"}).at_bookmark == "first");

  QTemporaryDir dir;
  const QString png = dir.filePath(QStringLiteral("s.png")),
                json = dir.filePath(QStringLiteral("s.json"));
  REQUIRE(run_cspview({fixture_path("hotdog.jsonl"), "--view", "sequence", "--at", "10",
                       "--screenshot", png, "--view-json", json})
              .exit_code == 0);
  const QJsonObject v = read_json(json)["active_view"].toObject();
  CHECK(v["view"].toString() == "sequence");
  CHECK(v["current"].toObject()["event"].toInt() == 10);
  const CspviewRun wrong =
      run_cspview({fixture_path("hotdog.jsonl"), "--view", "sequnce", "--screenshot", png});
  CHECK(wrong.exit_code == 2);
  CHECK(wrong.err.contains("the views are timeline, sequence"));
}

TEST_CASE("cspview --export-steps writes one numbered PNG per step of the chosen view",
          "[window][cli][export]") {
  QTemporaryDir dir;
  const QString out = dir.filePath(QStringLiteral("steps"));
  REQUIRE(run_cspview({fixture_path("hotdog.jsonl"), "--export-steps", out, "--from", "5", "--to",
                       "9", "--view", "sequence", "--size", "800x600"})
              .exit_code == 0);
  const QStringList files = QDir(out).entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
  CHECK(files == QStringList{"step-0005.png", "step-0006.png", "step-0007.png", "step-0008.png",
                             "step-0009.png"});
  // Each is the chart at its step: consecutive steps that move a value differ.
  CHECK(QImage(QDir(out).filePath(files[1])) != QImage(QDir(out).filePath(files[2])));
  const CspviewRun past =
      run_cspview({fixture_path("hotdog.jsonl"), "--export-steps", out, "--from", "500"});
  CHECK(past.exit_code == 1);
  CHECK(past.err.contains("no events between #500"));
}

TEST_CASE("presentation mode enlarges the chart and the dark theme reaches it",
          "[window][sequence][presentation]") {
  OpenWindow o(fixture_path("hotdog.jsonl"), {1024, 768});
  REQUIRE(o.ok);
  SequenceChartView* v = sequence_of(o.w);
  o.w.seek_event(9);
  const double normal = v->describe()["row_height"].toDouble();
  const QImage light = render_cursor_view(*v);
  o.w.set_dark(true);
  QApplication::processEvents();
  const QImage dark = render_cursor_view(*v);
  // The background of the chart follows the theme (a corner, away from any drawing).
  CHECK(qGray(light.pixel(light.width() - 3, light.height() / 2)) > 200);
  CHECK(qGray(dark.pixel(dark.width() - 3, dark.height() / 2)) < 60);
  o.w.set_presentation(true);
  QApplication::processEvents();
  CHECK(v->describe()["row_height"].toDouble() > normal * 1.3);
  CHECK(v->describe()["current"].toObject()["event"].toInt() == 10);  // still on the cursor
}

TEST_CASE("the wheel scrolls a long chart until the next step brings the cursor's row back",
          "[window][sequence]") {
  OpenWindow o(fixture_path("finding-recorded-philosophers.jsonl"), {1024, 768});
  REQUIRE(o.ok);
  SequenceChartView* v = sequence_of(o.w);
  o.w.seek_event(v->layout().rows()[2].event);
  const SequenceFrame before = v->frame();
  REQUIRE(before.end_row < before.total_rows);  // a window, not the whole chart
  REQUIRE(before.first_row == 0);
  QWheelEvent down(QPointF(200, 200), v->mapToGlobal(QPointF(200, 200)), {}, QPoint(0, -240),
                   Qt::NoButton, {}, Qt::NoScrollPhase, false);
  QApplication::sendEvent(v, &down);
  const SequenceFrame scrolled = v->frame();
  CHECK(scrolled.first_row == 6);  // three rows a notch, two notches
  CHECK(v->describe()["rows_shown"].toArray()[0].toInt() == 6);
  o.w.seek_event(v->layout().rows()[3].event);
  REQUIRE(v->frame().cursor_row == 3u);
  CHECK(v->frame().has_row(3));
  CHECK(v->frame().first_row == 0);
}
