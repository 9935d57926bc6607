#include <catch2/catch.hpp>

#include "fixture_document.hpp"
#include "source_pane.hpp"
#include "source_text.hpp"

#include <QApplication>
#include <QImage>
#include <QPlainTextEdit>
#include <QTemporaryDir>
#include <QTextBlock>

#include <filesystem>
#include <fstream>

using namespace cspview;

TEST_CASE("the source pane highlights the line of the event at the cursor", "[source]") {
  QTemporaryDir tmp;
  const std::string dir = tmp.path().toStdString();
  std::filesystem::copy_file(std::string(CSP_FIXTURES) + "/hotdog.jsonl", dir + "/hotdog.jsonl");
  {
    std::ofstream src(dir + "/hotdog.cpp");
    for (int i = 1; i <= 40; ++i) src << "// line " << i << "\n";
  }
  const auto doc = load_document(dir + "/hotdog.jsonl");
  SourcePane pane;
  pane.set_trace_path(QString::fromStdString(dir + "/hotdog.jsonl"));
  pane.show_event(doc.get(), 4);  // seq 5: the machine parks, at hotdog.cpp:17
  CHECK(pane.shown_file() == QString::fromStdString(dir + "/hotdog.cpp"));
  CHECK(pane.highlighted_line() == 17);
  CHECK(pane.header_text().endsWith(QStringLiteral("hotdog.cpp:17")));
  const auto* text = pane.findChild<QPlainTextEdit*>();
  REQUIRE(text);
  REQUIRE(text->extraSelections().size() == 1);
  CHECK(text->extraSelections()[0].cursor.block().text() == QStringLiteral("// line 17"));
  CHECK(text->textCursor().blockNumber() == 16);
  // Painted like a debugger's current line: the whole width in the theme's highlight colour.
  pane.resize(500, 400);
  pane.show();
  QApplication::processEvents();
  const QImage shot = text->viewport()->grab().toImage();
  const int y = text->cursorRect().center().y();
  CHECK(shot.pixelColor(shot.width() - 4, y) == Theme::make(false, false).match);
  CHECK(shot.pixelColor(shot.width() - 4, y + 3 * text->cursorRect().height()) !=
        Theme::make(false, false).match);
  // Numbered in a gutter left of the text, as a debugger shows a file.
  const auto* numbered = qobject_cast<const SourceText*>(text);
  REQUIRE(numbered);
  CHECK(numbered->gutter_width() > 0);
  CHECK(text->viewport()->geometry().left() >= numbered->gutter_width());
  // Filled while hidden, centred once shown: lines above the current one stay in view.
  CHECK(text->cursorRect().top() > text->viewport()->height() / 4);
}

TEST_CASE("the source pane says where it looked when the file is missing", "[source]") {
  QTemporaryDir tmp;
  const auto doc = fixture("hotdog.jsonl");
  SourcePane pane;
  pane.set_trace_path(QStringLiteral(CSP_FIXTURES "/hotdog.jsonl"));
  pane.set_search_dirs({tmp.path()});
  pane.show_event(doc.get(), 4);
  CHECK(pane.shown_file().isEmpty());
  CHECK(pane.highlighted_line() == 0);
  CHECK(pane.header_text().startsWith(QStringLiteral("hotdog.cpp not found; tried: hotdog.cpp, ")));
  CHECK(pane.header_text().contains(tmp.path() + QStringLiteral("/hotdog.cpp")));
  pane.show_event(doc.get(), std::nullopt);
  CHECK_FALSE(pane.header_text().isEmpty());
}
