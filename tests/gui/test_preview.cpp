// A big trace's preview in the viewer (issue 26): while the whole trace is read, the window
// shows the run's lanes and, on each, where it has events and how many. Checked on a recorded
// ping-pong: the preview's marks count exactly the events the whole document folds on each
// lane; the window says it is reading, holds stepping and the event list back, and keeps the
// view the user moved to when the whole trace replaces the preview; the load job previews a
// big binary trace before it loads it (CSPVIEW_PREVIEW_MB lowers "big" for the test).
#include <catch2/catch.hpp>

#include "density_marks.hpp"
#include "main_window.hpp"
#include "recorded_pingpong.hpp"
#include "timeline_widget.hpp"
#include "trace_document.hpp"
#include "trace_load_job.hpp"
#include "view_tabs.hpp"
#include "window_actions.hpp"
#include "window_fixture.hpp"

#include <QAction>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <cstdlib>
#include <numeric>
#include <string>

using namespace cspview;
using Side = csptrace::LaneDensity::Side;

namespace {

uint64_t total(const std::vector<LaneMark>& marks) {
  return std::accumulate(marks.begin(), marks.end(), uint64_t{0},
                         [](uint64_t n, const LaneMark& m) { return n + m.count; });
}

}  // namespace

TEST_CASE("a preview's lanes count the events the whole document puts on them",
          "[preview][document]") {
  QTemporaryDir dir;
  const std::string path = record_pingpong(dir, 20000);
  const auto whole = read_document(path);
  const auto preview = preview_document(path);
  REQUIRE(preview->is_preview());
  REQUIRE_FALSE(whole->is_preview());
  CHECK(preview->preview_events() == whole->model().size());
  CHECK(preview->run().first == whole->run().first);
  CHECK(preview->run().last == whole->run().last);
  CHECK(preview->run().end == whole->run().end);
  REQUIRE(preview->model().processes().size() == whole->model().processes().size());
  REQUIRE(preview->model().channels().size() == whole->model().channels().size());
  const auto& run = preview->run();
  // The whole run in view, and a tenth of it in the middle: the preview's marks count what the
  // whole document's events fold into, lane by lane (a bucket's events are counted whole, so
  // the narrower view may count a little more at its edges).
  const TimeScale all = TimeScale::fit(double(run.first), double(run.end), 1000);
  for (uint32_t p = 0; p < whole->model().processes().size(); ++p) {
    INFO("process " << whole->process_label(p));
    CHECK(preview->process_label(p) == whole->process_label(p));
    const auto marks =
        density_marks(*preview->density(), Side::Process, p, all, run.first, run.end);
    CHECK(total(marks) ==
          total(LaneIndex::fold(whole->model(), whole->lanes().process_events(p), all)));
    CHECK(marks.size() <= 1000 / 3 + 1);  // bounded by the width, not the events
  }
  for (uint32_t c = 0; c < whole->model().channels().size(); ++c) {
    INFO("channel " << whole->channel_label(c));
    const auto marks =
        density_marks(*preview->density(), Side::Channel, c, all, run.first, run.end);
    CHECK(total(marks) ==
          total(LaneIndex::fold(whole->model(), whole->lanes().channel_events(c), all)));
  }
  const double mid = double(run.first + run.last) / 2, tenth = double(run.last - run.first) / 10;
  const TimeScale part = TimeScale::fit(mid, mid + tenth, 1000);
  const auto& d = *preview->density();
  for (uint32_t p = 0; p < whole->model().processes().size(); ++p) {
    const auto marks = density_marks(d, Side::Process, p, part, run.first, run.end);
    const uint64_t events =
        total(LaneIndex::fold(whole->model(), whole->lanes().process_events(p), part));
    CHECK(total(marks) >= events);
    // At most the buckets the view's edges cut into are counted beyond it.
    const auto lane = d.lane(Side::Process, p);
    const uint64_t edge = lane.empty() ? 0 : *std::max_element(lane.begin(), lane.end());
    CHECK(total(marks) <= events + 2 * edge);
  }
  CHECK_THROWS_AS(preview->with_analysis(), std::logic_error);
}

TEST_CASE("the window shows a preview as reading and keeps the view for the whole trace",
          "[preview][window]") {
  QTemporaryDir dir;
  const std::string path = record_pingpong(dir, 5000);
  const QString qpath = QString::fromStdString(path);
  MainWindow w;
  w.setAttribute(Qt::WA_DontShowOnScreen);
  w.set_remember_recent(false);
  w.resize(1280, 800);
  w.show();
  w.show_document(preview_document(path), qpath);
  QApplication::processEvents();
  const QJsonObject v = w.view_json();
  const auto whole = read_document(path);
  CHECK(v[QStringLiteral("preview")].toBool());
  CHECK(v[QStringLiteral("events")].toInteger() == qint64(whole->model().size()));
  CHECK(v[QStringLiteral("caption")].toString().startsWith(QStringLiteral("A preview of")));
  const QJsonArray marks = v[QStringLiteral("preview_marks")].toArray();
  REQUIRE(marks.size() >= 4);  // the processes and channels in view
  bool ponger = false;
  for (const auto& lane : marks) {
    const QJsonObject o = lane.toObject();
    if (o[QStringLiteral("process")].toString() != QStringLiteral("ponger")) continue;
    ponger = true;
    qint64 n = 0;
    for (const auto& m : o[QStringLiteral("marks")].toArray())
      n += m.toObject()[QStringLiteral("count")].toInteger();
    CHECK(n > 5000);  // every round parks and resumes it
  }
  CHECK(ponger);
  CHECK_FALSE(w.actions().next->isEnabled());
  // The teaching views have no events to draw from: only the timeline's tab is open.
  auto* tabs = w.findChild<ViewTabs*>();
  REQUIRE(tabs);
  CHECK_FALSE(tabs->show_view(QStringLiteral("network")));
  CHECK(tabs->current_name() == QStringLiteral("timeline"));
  for (int i = 1; i < tabs->count(); ++i) CHECK_FALSE(tabs->isTabEnabled(i));
  // Zoom in while reading; the whole trace then arrives in the same view.
  w.timeline()->zoom(4);
  QApplication::processEvents();
  const QJsonArray seen = w.view_json()[QStringLiteral("visible_ns")].toArray();
  w.show_document(whole, qpath);
  QApplication::processEvents();
  const QJsonObject after = w.view_json();
  CHECK_FALSE(after[QStringLiteral("preview")].toBool());
  CHECK(after[QStringLiteral("visible_ns")].toArray() == seen);
  CHECK(after[QStringLiteral("preview_marks")].isUndefined());
  for (int i = 1; i < tabs->count(); ++i) CHECK(tabs->isTabEnabled(i));
  CHECK(tabs->show_view(QStringLiteral("network")));
}

TEST_CASE("the load job previews a big binary trace before loading it",
          "[preview][window][loading]") {
  QTemporaryDir dir;
  const std::string path = record_pingpong(dir, 2000);
  setenv("CSPVIEW_PREVIEW_MB", "0", 1);  // every binary trace is big
  TraceLoadJob job;
  std::vector<std::string> order;
  QObject::connect(&job, &TraceLoadJob::previewed, [&] { order.push_back("previewed"); });
  QObject::connect(&job, &TraceLoadJob::loaded, [&] { order.push_back("loaded"); });
  QSignalSpy analysed(&job, &TraceLoadJob::analysed);
  QSignalSpy previewed(&job, &TraceLoadJob::previewed);
  job.start(QString::fromStdString(path));
  REQUIRE((analysed.size() == 1 || analysed.wait(20000)));
  unsetenv("CSPVIEW_PREVIEW_MB");
  REQUIRE(order == std::vector<std::string>{"previewed", "loaded"});
  CHECK(previewed.front().at(0).value<std::shared_ptr<const TraceDocument>>()->is_preview());
  CHECK_FALSE(worth_preview(path));  // a small trace, without the variable
  CHECK_FALSE(worth_preview(CSP_FIXTURES "/hotdog.jsonl"));
}

TEST_CASE("a trace too large to view keeps its preview and says why", "[preview][window]") {
  QTemporaryDir dir;
  const std::string path = record_pingpong(dir, 200000);  // 1.2 M events: the guard judges
  setenv("CSPVIEW_PREVIEW_MB", "0", 1);
  setenv("CSPVIEW_MEMORY_MB", "20", 1);
  MainWindow w;
  w.setAttribute(Qt::WA_DontShowOnScreen);
  w.set_remember_recent(false);
  w.resize(1280, 800);
  w.show();
  QSignalSpy failed(&w, &MainWindow::load_failed);
  w.open_file(QString::fromStdString(path));
  const bool done = wait_until([&] { return !failed.isEmpty(); }, 60000);
  unsetenv("CSPVIEW_PREVIEW_MB");
  unsetenv("CSPVIEW_MEMORY_MB");
  REQUIRE(done);
  CHECK(failed.front().at(0).toString().contains(QStringLiteral("too large to view")));
  const QJsonObject v = w.view_json();
  CHECK(v[QStringLiteral("preview")].toBool());
  CHECK(v[QStringLiteral("events")].toInteger() > 1'000'000);
  const QString warning = v[QStringLiteral("warning")].toString();
  CHECK(warning.startsWith(QStringLiteral("Only a preview of this trace is shown: ")));
  CHECK(warning.contains(QStringLiteral("too large to view")));
  CHECK_FALSE(v[QStringLiteral("preview_marks")].toArray().isEmpty());
}
