#include <catch2/catch.hpp>

#include "command_line.hpp"
#include "main_window.hpp"
#include "perfetto_export.hpp"
#include "trace_load_job.hpp"

#include <QApplication>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageBox>
#include <QProcess>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <csptrace/trace_reader.hpp>

#include <fstream>

using namespace cspview;

namespace {

QString fixture_path(const char* name) {
  return QStringLiteral(CSP_FIXTURES "/") + QLatin1String(name);
}

QImage window_image(MainWindow& w) {
  QApplication::processEvents();
  return w.grab().toImage();
}

// Not blank: a real frame has many colours (lanes, spans, text), a blank one a handful.
int distinct_colours(const QImage& img) {
  QSet<QRgb> seen;
  for (int y = 0; y < img.height(); y += 3)
    for (int x = 0; x < img.width(); x += 3) seen.insert(img.pixel(x, y));
  return int(seen.size());
}

void write_file(const QString& path, const char* text) {
  std::ofstream(path.toStdString()) << text;
}

}  // namespace

TEST_CASE("every fixture renders a real frame that the cursor changes", "[window][screenshot]") {
  for (const char* name :
       {"hotdog.jsonl", "gui-philosophers-deadlock.jsonl", "gui-alts-timeout.jsonl",
        "finding-wait-cycle.jsonl", "finding-timeout-masked-loss.jsonl",
        "finding-recorded-philosophers.jsonl"}) {
    INFO(name);
    MainWindow w;
    w.setAttribute(Qt::WA_DontShowOnScreen);
    w.resize(1280, 800);
    w.show();
    QString error;
    REQUIRE(w.open_file_now(fixture_path(name), &error));
    w.seek_event(2);
    const QImage early = window_image(w);
    CHECK(early.size() == QSize(1280, 800));
    CHECK(distinct_colours(early) > 40);
    w.seek_event(w.document()->model().size() - 1);
    const QImage late = window_image(w);
    CHECK(late != early);
  }
}

TEST_CASE("stepping moves the cursor by events and by rendezvous", "[window][stepping]") {
  MainWindow w;
  QString error;
  REQUIRE(w.open_file_now(fixture_path("hotdog.jsonl"), &error));
  auto& s = w.stepper();
  CHECK_FALSE(s.current_event().has_value());  // opens at the start
  s.next();
  CHECK(s.current_event() == 0u);
  s.next_rendezvous();
  CHECK(w.document()->model().kind(*s.current_event()) == csptrace::EventKind::Transfer);
  const size_t first_transfer = *s.current_event();
  s.next_rendezvous();
  s.prev_rendezvous();
  CHECK(s.current_event() == first_transfer);
  s.to_end();
  CHECK(s.current_event() == w.document()->model().size() - 1);
  s.prev();
  CHECK(s.current_event() == w.document()->model().size() - 2);
  CHECK(w.timeline()->scene().cursor == s.current_event());
}

TEST_CASE("a corrupt file is an error message, never a crash", "[window][errors]") {
  QTemporaryDir dir;
  const QString bad = dir.filePath(QStringLiteral("bad.jsonl"));
  write_file(bad,
             "{\"kind\":\"header\",\"format\":\"cspscope-trace\",\"version\":1}\n{\"seq\":1,\"t\":"
             "0,\"kind\":\"spawn\"\n");
  MainWindow w;
  QString error;
  CHECK_FALSE(w.open_file_now(bad, &error));
  CHECK(error.contains(bad + ":2"));
  CHECK(w.document() == nullptr);
  CHECK_FALSE(w.open_file_now(dir.filePath(QStringLiteral("missing.jsonl")), &error));
  CHECK(error.contains("missing.jsonl"));
  // The window still works afterwards.
  CHECK(w.open_file_now(fixture_path("hotdog.jsonl"), &error));
}

TEST_CASE("the load job reports errors and only the newest load", "[window][loading]") {
  TraceLoadJob job;
  QSignalSpy loaded(&job, &TraceLoadJob::loaded);
  QSignalSpy analysed(&job, &TraceLoadJob::analysed);
  QSignalSpy failed(&job, &TraceLoadJob::failed);
  job.start(QStringLiteral("/nonexistent/x.jsonl"));
  job.start(fixture_path("hotdog.jsonl"));  // supersedes the first
  REQUIRE((analysed.size() == 1 || analysed.wait(5000)));
  QApplication::processEvents();
  CHECK(failed.isEmpty());
  REQUIRE(loaded.size() == 1);
  CHECK(loaded.front().at(1).toString().endsWith("hotdog.jsonl"));
  CHECK_FALSE(loaded.front().at(0).value<std::shared_ptr<const TraceDocument>>()->has_analysis());
  CHECK(analysed.front().at(0).value<std::shared_ptr<const TraceDocument>>()->has_analysis());
  job.start(QStringLiteral("/nonexistent/x.jsonl"));
  REQUIRE(failed.wait(5000));
  CHECK(failed.front().at(0).toString().contains("/nonexistent/x.jsonl"));
}

TEST_CASE("export writes PNG and SVG", "[window][export]") {
  QTemporaryDir dir;
  MainWindow w;
  w.resize(1280, 800);
  QString error;
  REQUIRE(w.open_file_now(fixture_path("hotdog.jsonl"), &error));
  const QString png = dir.filePath(QStringLiteral("v.png")),
                svg = dir.filePath(QStringLiteral("v.svg"));
  REQUIRE(w.export_view(png, &error));
  CHECK(QImage(png).width() > 100);
  REQUIRE(w.export_view(svg, &error));
  QFile f(svg);
  REQUIRE(f.open(QIODevice::ReadOnly));
  const QByteArray text = f.readAll();
  CHECK(text.contains("<svg"));
  CHECK(text.contains("hot-dog-machine"));
}

TEST_CASE("export for Perfetto writes Chrome trace JSON, and names an unwritable file",
          "[window][export]") {
  QTemporaryDir dir;
  QString error;
  const csptrace::TraceModel m = csptrace::load_trace(fixture_path("hotdog.jsonl").toStdString());
  const QString json = dir.filePath(QStringLiteral("t.json"));
  REQUIRE(export_perfetto(m, json, &error));
  QFile f(json);
  REQUIRE(f.open(QIODevice::ReadOnly));
  const QByteArray text = f.readAll();
  CHECK(text.contains("traceEvents"));
  CHECK(text.contains("hot-dog-machine"));
  CHECK_FALSE(export_perfetto(m, QStringLiteral("/nonexistent/dir/t.json"), &error));
  CHECK(error.contains("/nonexistent/dir/t.json"));
}

TEST_CASE("the command line is parsed with clear errors", "[window][cli]") {
  auto cl = parse_command_line({"cspview", "t.jsonl", "--at", "12", "--screenshot", "o.png",
                                "--size", "1600x900", "--view-json", "o.json"});
  CHECK(cl.error.isEmpty());
  CHECK(cl.file == "t.jsonl");
  CHECK(cl.at == 12u);
  CHECK(cl.screenshot == "o.png");
  CHECK(cl.view_json == "o.json");
  CHECK(cl.size == QSize(1600, 900));
  CHECK(parse_command_line({"cspview", "--at", "#74"}).at == 74u);  // as csptrace prints it
  CHECK(parse_command_line({"cspview"}).size == QSize(1280, 800));
  CHECK(parse_command_line({"cspview", "--at", "x"}).error.contains("--at"));
  CHECK(parse_command_line({"cspview", "--size", "12"}).error.contains("--size"));
  CHECK(parse_command_line({"cspview", "a", "b"}).error.contains("one trace file"));
  CHECK(parse_command_line({"cspview", "--view-json", "o.json"}).error.contains("--screenshot"));
  const auto v = parse_command_line({"cspview", "--view", "400us:0.56ms"});
  REQUIRE(v.view.has_value());
  CHECK(v.view->first == Approx(400000));
  CHECK(v.view->second == Approx(560000));
  CHECK(parse_command_line({"cspview", "--view", "5ms:1ms"}).error.contains("--view"));
  CHECK(parse_time("12") == Approx(12));
  CHECK(parse_time("1.5 s") == Approx(1.5e9));
  CHECK_FALSE(parse_time("soon").has_value());
}

TEST_CASE("an unknown option is named, with the nearest known one", "[window][cli]") {
  const auto cl = parse_command_line({"cspview", "t.jsonl", "--trace-ring", "16M"});
  CHECK(cl.error.contains("--trace-ring"));
  CHECK(cl.error.contains("did you mean"));
  CHECK(parse_command_line({"cspview", "--scrensHot", "x.png"}).error.contains("--screenshot"));
  CHECK(parse_command_line({"cspview", "--presentaton"})
            .error.contains("did you mean --presentation?"));
  CHECK(parse_command_line({"cspview", "--dark=1"}).error.isEmpty() ==
        false);  // --dark takes no value
  CHECK(nearest_option("--sise", {"--size", "--at", "--dark"}) == "--size");
  QProcess p;
  p.start(QStringLiteral(CSPVIEW_EXE),
          {fixture_path("hotdog.jsonl"), "--trace-ring", "16M", "--screenshot", "/tmp/x.png"});
  REQUIRE(p.waitForFinished(20000));
  CHECK(p.exitCode() == 2);
  const QString err = QString::fromUtf8(p.readAllStandardError());
  CHECK(err.contains("unknown option --trace-ring"));
  CHECK(err.contains("did you mean"));
}

TEST_CASE("cspview --view-json writes what the window shows", "[window][screenshot][cli]") {
  QTemporaryDir dir;
  const QString png = dir.filePath(QStringLiteral("v.png")),
                json = dir.filePath(QStringLiteral("v.json"));
  QProcess p;
  p.start(QStringLiteral(CSPVIEW_EXE),
          {fixture_path("hotdog.jsonl"), "--at", "7", "--screenshot", png, "--view-json", json});
  REQUIRE(p.waitForFinished(20000));
  REQUIRE(p.exitCode() == 0);
  QFile f(json);
  REQUIRE(f.open(QIODevice::ReadOnly));
  const QJsonObject v = QJsonDocument::fromJson(f.readAll()).object();
  for (const char* key : {"visible_ns", "run_ns", "cursor_event", "finding", "caption"})
    CHECK(v.contains(key));
  // --view shows the time asked for.
  p.start(QStringLiteral(CSPVIEW_EXE), {fixture_path("hotdog.jsonl"), "--view", "4us:8us",
                                        "--screenshot", png, "--view-json", json});
  REQUIRE(p.waitForFinished(20000));
  REQUIRE(p.exitCode() == 0);
  QFile g(json);
  REQUIRE(g.open(QIODevice::ReadOnly));
  const QJsonObject w = QJsonDocument::fromJson(g.readAll()).object();
  CHECK(w["visible_ns"].toArray()[0].toDouble() == Approx(4000).margin(200));
  CHECK(w["visible_ns"].toArray()[1].toDouble() == Approx(8000).margin(200));
  CHECK(v["cursor_event"].toInt() == 7);  // --at 7 is #7, as csptrace print numbers it
  CHECK(v["caption"].toString().contains("pocket lint"));
  CHECK(v["finding"].isNull());
  CHECK(v["run_ns"].toArray()[1].toDouble() == 18000);  // the exit before `end` at 18.1 µs
}

TEST_CASE("cspview - reads the trace from standard input (issue 21: a trace through a pipe)",
          "[window][screenshot][cli]") {
  QTemporaryDir dir;
  const QString png = dir.filePath(QStringLiteral("v.png")),
                json = dir.filePath(QStringLiteral("v.json"));
  QProcess p;
  p.setStandardInputFile(fixture_path("hotdog.jsonl"));
  p.start(QStringLiteral(CSPVIEW_EXE), {"-", "--screenshot", png, "--view-json", json});
  REQUIRE(p.waitForFinished(20000));
  REQUIRE(p.exitCode() == 0);
  QFile f(json);
  REQUIRE(f.open(QIODevice::ReadOnly));
  const QJsonObject v = QJsonDocument::fromJson(f.readAll()).object();
  CHECK(v["file"].toString() == "-");
  CHECK(v["events"].toInt() == 30);  // the whole hot dog run, as from the file
  CHECK(v["run_ns"].toArray()[1].toDouble() == 18000);
}

TEST_CASE("cspview --screenshot writes the window, or exits 1 with the error",
          "[window][screenshot][cli]") {
  QTemporaryDir dir;
  const QString out = dir.filePath(QStringLiteral("shot.png"));
  QProcess p;
  p.start(QStringLiteral(CSPVIEW_EXE),
          {fixture_path("hotdog.jsonl"), "--at", "6", "--screenshot", out});
  REQUIRE(p.waitForFinished(20000));
  CHECK(p.exitCode() == 0);
  const QImage img(out);
  CHECK(img.size() == QSize(1280, 800));
  CHECK(distinct_colours(img) > 40);

  const QString bad = dir.filePath(QStringLiteral("bad.jsonl"));
  write_file(bad, "not json\n");
  p.start(QStringLiteral(CSPVIEW_EXE),
          {bad, "--screenshot", dir.filePath(QStringLiteral("no.png"))});
  REQUIRE(p.waitForFinished(20000));
  CHECK(p.exitCode() == 1);
  const QString err = QString::fromUtf8(p.readAllStandardError());
  CHECK(err.contains(bad));
  CHECK(err.contains("not a cspscope trace"));
  CHECK_FALSE(QFile::exists(dir.filePath(QStringLiteral("no.png"))));
}

TEST_CASE("a trace is drawn before its analysis, which then adds states and stepping",
          "[window][loading]") {
  MainWindow w;
  w.resize(1280, 800);
  auto quick = read_document(
      (QStringLiteral(CSP_FIXTURES "/") + "gui-philosophers-deadlock.jsonl").toStdString());
  w.show_document(quick, QStringLiteral("philosophers"));
  CHECK_FALSE(w.stepper().has_document());
  const QImage before = window_image(w);
  CHECK(distinct_colours(before) > 20);
  w.show_analysis(quick->with_analysis());
  REQUIRE(w.stepper().has_document());
  CHECK(w.document()->has_analysis());
  CHECK(w.timeline()->scene().overlay->involves_process(1));  // the first error is highlighted
  CHECK(window_image(w) != before);
}

TEST_CASE("opening in the background shows the trace, or a dialog naming the file and line",
          "[window][loading]") {
  QTemporaryDir dir;
  MainWindow w;
  QSignalSpy shown(&w, &MainWindow::document_shown);
  w.open_file(fixture_path("hotdog.jsonl"));
  REQUIRE(shown.wait(5000));
  CHECK(w.document()->has_analysis());

  const QString bad = dir.filePath(QStringLiteral("bad.jsonl"));
  write_file(bad,
             "{\"kind\":\"header\",\"format\":\"cspscope-trace\",\"version\":1}\n{\"seq\":1}\n");
  QSignalSpy failed(&w, &MainWindow::load_failed);
  w.open_file(bad);
  REQUIRE(failed.wait(5000));
  auto* box = w.findChild<QMessageBox*>(QStringLiteral("load_error"));
  REQUIRE(box);
  CHECK(box->text().contains(bad + ":2"));
  CHECK(box->text().contains("csptrace validate"));
  box->close();
  CHECK(w.document() != nullptr);  // the trace shown before stays
}
