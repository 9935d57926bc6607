#include <catch2/catch.hpp>

#include "command_line.hpp"
#include "main_window.hpp"
#include "source_dock.hpp"
#include "source_pane.hpp"

#include <QApplication>
#include <QDockWidget>
#include <QTemporaryDir>

#include <filesystem>
#include <fstream>

using namespace cspview;

TEST_CASE("the command line takes the source pane's folder as --source-dir", "[source]") {
  CHECK(parse_command_line({"cspview", "t.jsonl", "--source-dir", "/src"}).source_dir ==
        QStringLiteral("/src"));
  CHECK(parse_command_line({"cspview", "t.jsonl"}).source_dir.isEmpty());
  CHECK(parse_command_line({"cspview", "--source-dri", "x"})
            .error.contains(QStringLiteral("did you mean --source-dir?")));
}

TEST_CASE("the source dock follows the window's cursor and searches --source-dir", "[source]") {
  QTemporaryDir tmp;
  const std::string dir = tmp.path().toStdString();
  std::filesystem::create_directories(dir + "/src");
  {
    std::ofstream src(dir + "/src/hotdog.cpp");
    for (int i = 1; i <= 40; ++i) src << "// line " << i << "\n";
  }
  MainWindow w;
  w.setAttribute(Qt::WA_DontShowOnScreen);
  w.set_remember_recent(false);
  QDockWidget* dock = add_source_dock(w, tmp.path() + QStringLiteral("/src"));
  REQUIRE(dock);
  CHECK(dock->objectName() == QStringLiteral("source"));
  w.show();
  QString error;
  REQUIRE(w.open_file_now(QStringLiteral(CSP_FIXTURES "/hotdog.jsonl"), &error));
  QApplication::processEvents();
  auto* pane = dock->findChild<SourcePane*>();
  REQUIRE(pane);
  w.seek_event(4);  // seq 5: the machine parks, at hotdog.cpp:17
  CHECK(pane->highlighted_line() == 17);
  CHECK(pane->shown_file() == tmp.path() + QStringLiteral("/src/hotdog.cpp"));
  w.seek_event(1);  // seq 2: "in" made, at hotdog.cpp:12
  CHECK(pane->highlighted_line() == 12);
}
