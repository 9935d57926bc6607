// cspview --follow on real writers: the window follows a trace that a running sample is writing
// (events keep arriving, the end arrives, and then the window shows what a normal open of the
// finished file shows); a writer killed before the end; and a file nobody writes, which opens
// as usual and says so. Checked through view_json(), what --view-json writes.
#include <catch2/catch.hpp>

#include "../tracer/child_process.hpp"
#include "main_window.hpp"
#include "window_fixture.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QThread>

#include <csptrace/trace_reader.hpp>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

using namespace cspview;

namespace {

void prepare(MainWindow& w) {
  w.set_remember_recent(false);
  w.setAttribute(Qt::WA_DontShowOnScreen);
  w.resize(1280, 800);
  w.show();
}

bool analysed(const MainWindow& w) {
  return !w.following() && w.document() && w.document()->has_analysis();
}

QString follow_state(const QJsonObject& view) {
  return view[QStringLiteral("follow")].toObject()[QStringLiteral("state")].toString();
}

// What a normal open of `path` shows (File → Open: in the background, the analysis after the
// first frame), for comparison with a follow that reached its end.
QJsonObject opened(const QString& path) {
  MainWindow w;
  prepare(w);
  w.open_file(path);
  REQUIRE(wait_until([&] { return analysed(w); }, 120'000));
  return w.view_json();
}

// The followed window's description without the follow's own part, and the two side by side
// when they differ.
void check_same_as_opened(QJsonObject followed, const QString& path) {
  followed.remove(QStringLiteral("follow"));
  const QJsonObject normal = opened(path);
  INFO("followed: " << QJsonDocument(followed).toJson().toStdString());
  INFO("opened:   " << QJsonDocument(normal).toJson().toStdString());
  CHECK(followed == normal);
}

}  // namespace

TEST_CASE("follow: the window keeps up with a running sample and ends as a normal open",
          "[window][follow]") {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("pingpong.csptrace"));
  MainWindow w;
  prepare(w);
  std::vector<qint64> counts;
  std::vector<QString> states;
  QObject::connect(&w, &MainWindow::live_shown, [&] {
    const QJsonObject view = w.view_json();
    counts.push_back(view[QStringLiteral("events")].toInteger());
    states.push_back(follow_state(view));
  });
  // The window first: the file does not exist yet and is waited for, as `csptrace print
  // --follow` waits; then the program that writes it: 600 000 events over about 1.2 s.
  w.follow_file(path);
  auto writer = csp_test::start_child(
      PINGPONG_EXE, {"--rounds", "100000", "--rate", "500000", "--trace", path.toStdString()});
  const bool done = wait_until([&] { return analysed(w); }, 180'000);
  CHECK(csp_test::wait_signal(writer.pid) == -1);
  std::fclose(writer.out);
  REQUIRE(done);

  INFO("live documents: " << counts.size());
  CHECK(counts.size() >= 5);  // events kept arriving while the program ran
  CHECK(std::is_sorted(counts.begin(), counts.end()));
  REQUIRE(!counts.empty());
  const QJsonObject end = w.view_json();
  const qint64 all = end[QStringLiteral("events")].toInteger();
  CHECK(counts.front() < all);
  CHECK(std::all_of(states.begin(), states.end(),
                    [](const QString& s) { return s == QStringLiteral("following"); }));
  CHECK(follow_state(end) == QStringLiteral("ended"));
  CHECK(all == qint64(csptrace::load_trace(path.toStdString()).size()));
  check_same_as_opened(end, path);
}

TEST_CASE("follow: a writer killed before the end is said to have gone, its events stay",
          "[window][follow]") {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("killed.csptrace"));
  // record_loop records a spawn and 20 000 events, says "ready", then sleeps with the file open.
  auto writer = csp_test::start_child(RECORD_LOOP_EXE, {path.toStdString(), "idle", "20000"});
  REQUIRE(csp_test::wait_ready(writer));
  MainWindow w;
  prepare(w);
  w.follow_file(path);
  REQUIRE(wait_until(
      [&] { return w.document() && w.document()->model().size() == 20001 && w.following(); },
      60'000));
  CHECK(follow_state(w.view_json()) == QStringLiteral("following"));
  ::kill(writer.pid, SIGKILL);
  CHECK(csp_test::wait_signal(writer.pid) == SIGKILL);
  REQUIRE(wait_until([&] { return analysed(w); }, 60'000));
  const QJsonObject end = w.view_json();
  CHECK(follow_state(end) == QStringLiteral("writer-gone"));
  CHECK(end[QStringLiteral("follow")].toObject()[QStringLiteral("status")].toString().contains(
      QStringLiteral("died or was killed")));
  CHECK(end[QStringLiteral("events")].toInteger() == 20001);
  CHECK(!end[QStringLiteral("warning")].isNull());
  check_same_as_opened(end, path);
}

TEST_CASE("follow: a file nobody writes opens as a normal open and says so", "[window][follow]") {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("still.jsonl"));
  REQUIRE(QFile::copy(QStringLiteral(CSP_FIXTURES "/gui-philosophers-deadlock.jsonl"), path));
  MainWindow w;
  prepare(w);
  w.follow_file(path);
  REQUIRE(wait_until([&] { return analysed(w); }, 60'000));
  const QJsonObject end = w.view_json();
  CHECK(follow_state(end) == QStringLiteral("not-written"));
  CHECK(end[QStringLiteral("follow")].toObject()[QStringLiteral("live_documents")].toInteger() ==
        0);
  CHECK(end[QStringLiteral("follow")].toObject()[QStringLiteral("status")].toString().contains(
      QStringLiteral("is not being written")));
  check_same_as_opened(end, path);
}

TEST_CASE("follow: a hung program's waits are possible findings until its writer goes away",
          "[window][follow]") {
  // This test is the writer: it writes the philosophers up to their last park and keeps the
  // file open, as a hung program would, then closes it without the trace's end (it died).
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("hung.jsonl"));
  auto out = std::make_unique<std::ofstream>(path.toStdString());
  std::ifstream in(CSP_FIXTURES "/gui-philosophers-deadlock.jsonl");
  for (std::string line; std::getline(in, line);)
    if (line.find("\"deadlock\"") == std::string::npos &&
        line.find("\"stuck\"") == std::string::npos && line.find("\"end\"") == std::string::npos)
      *out << line << '\n';
  out->flush();
  MainWindow w;
  prepare(w);
  w.set_long_wait(0);  // every wait is long at once
  w.follow_file(path);
  REQUIRE(wait_until([&] { return w.document() && w.document()->findings().size() >= 3; }, 60'000));
  const TraceDocument& live = *w.document();
  CHECK_FALSE(live.has_analysis());
  for (size_t f = 0; f < live.findings().size(); ++f) {
    CHECK(live.finding_title(f).rfind("waiting for ", 0) == 0);
    CHECK(live.finding_strength(f) == "possible, not proven");
  }
  w.select_finding(0);
  const QJsonObject view = w.view_json();
  CHECK(view[QStringLiteral("finding")].toObject()[QStringLiteral("kind")].toString() ==
        QStringLiteral("stranded-wait"));
  CHECK(follow_state(view) == QStringLiteral("following"));
  CHECK(view[QStringLiteral("caption")].toString().contains(QStringLiteral("phil-2")));
  out.reset();  // the writer dies
  REQUIRE(wait_until([&] { return analysed(w); }, 60'000));
  CHECK(follow_state(w.view_json()) == QStringLiteral("writer-gone"));
  // Now the analysis speaks, with its own strengths.
  REQUIRE(!w.document()->findings().empty());
  CHECK(w.document()->finding_strength(0) != "possible, not proven");
}

// Not run by ctest (hidden): the pictures of docs/long-runs.md. FOLLOW_SHOTS_TRACE is a trace
// that a program starts writing now; the window is grabbed after FOLLOW_SHOTS_AFTER seconds
// (default 8) into FOLLOW_SHOTS_DIR/follow-live.png, and once the follow is over into
// follow-end.png.
TEST_CASE("follow: pictures for the documentation", "[.follow-shots]") {
  const QString trace = qEnvironmentVariable("FOLLOW_SHOTS_TRACE");
  const QString dir = qEnvironmentVariable("FOLLOW_SHOTS_DIR");
  REQUIRE(!trace.isEmpty());
  REQUIRE(!dir.isEmpty());
  const double after = qEnvironmentVariableIsSet("FOLLOW_SHOTS_AFTER")
                           ? qEnvironmentVariable("FOLLOW_SHOTS_AFTER").toDouble()
                           : 8.0;
  MainWindow w;
  prepare(w);
  w.follow_file(trace);
  QElapsedTimer clock;
  clock.start();
  wait_until([&] { return clock.elapsed() > after * 1000; }, int(after * 1000) + 1000);
  CHECK(w.grab().save(dir + QStringLiteral("/follow-live.png")));
  REQUIRE(wait_until([&] { return analysed(w); }, 600'000));
  CHECK(w.grab().save(dir + QStringLiteral("/follow-end.png")));
}
