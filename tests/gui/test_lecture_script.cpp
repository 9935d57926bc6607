// The lecture script: bookmarks in event order, found by title, stepped through; saved beside
// the trace and read back; a broken file named with its line while the trace still opens; and
// `cspview TRACE --at bookmark:NAME`.
#include <catch2/catch.hpp>

#include "cspview_run.hpp"
#include "lecture_controller.hpp"
#include "lecture_file.hpp"
#include "lecture_script.hpp"
#include "window_fixture.hpp"

#include <QDockWidget>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QStatusBar>

using namespace cspview;

namespace {

// A copy of a fixture in `dir`, so its script is written there and not into the sources.
QString copy_fixture(const QTemporaryDir& dir, const char* name) {
  const QString to = dir.filePath(QLatin1String(name));
  REQUIRE(QFile::copy(fixture_path(name), to));
  return to;
}

}  // namespace

TEST_CASE("a lecture script keeps its bookmarks in event order and finds them", "[lecture]") {
  LectureScript s;
  s.add({10, "the lettuce", "a refund"});
  s.add({7, "pocket lint", "the first rendezvous"});
  s.add({16, "", ""});
  REQUIRE(s.bookmarks().size() == 3);
  CHECK(s.bookmarks()[0].title == "pocket lint");
  CHECK(s.bookmarks()[2].title == "event 16");
  CHECK(s.find("the lettuce") == 1u);
  CHECK(s.find("THE LETTUCE") == 1u);
  CHECK_FALSE(s.find("mustard"));
  CHECK(s.next(std::nullopt, true) == 0u);
  CHECK(s.next(7, true) == 1u);
  CHECK(s.next(8, false) == 0u);
  CHECK_FALSE(s.next(16, true));
  CHECK_FALSE(s.next(7, false));
  s.remove(1);
  CHECK(s.bookmarks().size() == 2);
}

TEST_CASE("the script file round-trips, and bad JSON is named with its line", "[lecture]") {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("t.jsonl.cspview.json"));
  CHECK(lecture_path(QStringLiteral("/x/t.jsonl")) == "/x/t.jsonl.cspview.json");
  CHECK(lecture_path(QStringLiteral("-")).isEmpty());
  LectureScript s, back;
  s.add({7, "pocket lint", "line one\nline \"two\" — ünïcode"});
  s.add({13, "three", ""});
  QString error;
  REQUIRE(write_lecture(path, s, &error));
  REQUIRE(read_lecture(path, &back, &error));
  CHECK(back.bookmarks() == s.bookmarks());
  // Missing: an empty script, no error.
  CHECK(read_lecture(dir.filePath(QStringLiteral("none.json")), &back, &error));
  CHECK(back.empty());

  QFile f(path);
  REQUIRE(f.open(QIODevice::WriteOnly));
  f.write(
      "{\n  \"bookmarks\": [\n    {\"event\": 7, \"title\": \"a\"},\n    {\"event\": 9 \"title\": "
      "\"b\"}\n  ]\n}\n");
  f.close();
  CHECK_FALSE(read_lecture(path, &back, &error));
  CHECK(error.startsWith(path + ":4:"));
  CHECK(back.empty());
  REQUIRE(f.open(QIODevice::WriteOnly));
  f.write("{\"bookmarks\": [\n {\"event\": 7},\n {\"title\": \"no event\"}\n]}\n");
  f.close();
  CHECK_FALSE(read_lecture(path, &back, &error));
  CHECK(error.startsWith(path + ":3: bookmark 2 needs \"event\""));
}

TEST_CASE("bookmarks survive save and reload, and Page Down steps through them",
          "[lecture][window]") {
  QTemporaryDir dir;
  const QString trace = copy_fixture(dir, "hotdog.jsonl");
  {
    OpenWindow o(trace);
    REQUIRE(o.ok);
    o.w.seek_event(6);  // #7
    REQUIRE(o.w.lecture().add_at_cursor(QStringLiteral("pocket lint"),
                                        QStringLiteral("the first rendezvous")));
    o.w.seek_event(15);  // #16
    REQUIRE(o.w.lecture().add_at_cursor(QStringLiteral("a hot dog"), QStringLiteral("at last")));
    CHECK(QFile::exists(trace + ".cspview.json"));
  }
  OpenWindow again(trace);
  REQUIRE(again.ok);
  const auto& marks = again.w.lecture().script().bookmarks();
  REQUIRE(marks.size() == 2);
  CHECK(marks[0] == Bookmark{7, "pocket lint", "the first rendezvous"});
  CHECK(marks[1].title == "a hot dog");
  CHECK(again.w.lecture().dock()->isVisibleTo(&again.w));
  again.w.stepper().to_start();
  again.w.lecture().next_action()->trigger();
  CHECK(again.w.stepper().current_event() == 6u);
  // The list follows the cursor, however it moved, and shows the bookmark's note.
  again.w.seek_event(15);
  const auto* list = again.w.lecture().dock()->findChild<QListWidget*>(QStringLiteral("bookmarks"));
  REQUIRE(list);
  CHECK(list->currentRow() == 1);
  again.w.seek_event(16);
  CHECK(list->currentRow() == -1);
  again.w.seek_event(6);
  again.w.lecture().next_action()->trigger();
  CHECK(again.w.stepper().current_event() == 15u);
  again.w.lecture().prev_action()->trigger();
  CHECK(again.w.stepper().current_event() == 6u);
  CHECK(again.w.lecture().event_of(QStringLiteral("a hot dog")) == 15u);

  // --at bookmark:NAME opens there.
  const QString json = dir.filePath(QStringLiteral("v.json"));
  REQUIRE(run_cspview({trace, "--at", "bookmark:a hot dog", "--screenshot", dir.filePath("v.png"),
                       "--view-json", json})
              .exit_code == 0);
  QFile f(json);
  REQUIRE(f.open(QIODevice::ReadOnly));
  CHECK(QJsonDocument::fromJson(f.readAll()).object()["cursor_event"].toInt() == 16);
  const CspviewRun unknown =
      run_cspview({trace, "--at", "bookmark:mustard", "--screenshot", dir.filePath("v.png")});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.contains("no bookmark titled \"mustard\""));
  CHECK(unknown.err.contains("pocket lint"));
}

TEST_CASE("a broken script file is named with its line and the trace still opens",
          "[lecture][window]") {
  QTemporaryDir dir;
  const QString trace = copy_fixture(dir, "hotdog.jsonl");
  QFile f(trace + ".cspview.json");
  REQUIRE(f.open(QIODevice::WriteOnly));
  f.write("{\"bookmarks\": [\n  {\"event\": 7,}\n]}\n");
  f.close();
  OpenWindow o(trace);
  REQUIRE(o.ok);
  CHECK(o.w.document()->model().size() == 30);
  CHECK(o.w.lecture().error().startsWith(trace + ".cspview.json:2:"));
  CHECK(o.w.lecture().script().empty());
  CHECK(o.w.statusBar()->currentMessage().contains("cspview.json:2:"));
}

TEST_CASE("the status bar says when a trace is a flight recorder's window or a dump (issue 25)",
          "[window]") {
  QTemporaryDir dir;
  const QString trace = copy_fixture(dir, "hotdog.jsonl");
  QFile f(trace);
  REQUIRE(f.open(QIODevice::ReadOnly));
  QByteArray text = f.readAll();
  f.close();
  auto with_header = [&](const QByteArray& fields) {
    QByteArray t = text;
    t.replace("\"start_unix_ns\":0}", "\"start_unix_ns\":0," + fields + "}");
    REQUIRE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(t);
    f.close();
  };
  with_header(R"("snapshot":"SIGUSR1 to process 42 at 2026-12-06 08:00:00 UTC")");
  {
    OpenWindow o(trace);
    REQUIRE(o.ok);
    CHECK(o.w.statusBar()->currentMessage().contains(
        "a snapshot of a running program: SIGUSR1 to process 42"));
  }
  with_header(
      R"x("snapshot":"the window's start","window":"flight recorder (--trace-ring 64 MiB)")x");
  OpenWindow o(trace);
  REQUIRE(o.ok);
  CHECK(o.w.statusBar()->currentMessage().contains("flight recorder (--trace-ring 64 MiB)"));
  CHECK_FALSE(o.w.statusBar()->currentMessage().contains("a snapshot of a running program"));
}
