// Point 3 of issue 22: one numbering everywhere, the one csptrace prints. For every finding
// fixture, the viewer's Findings text and its --view-json say the same event as
// `csptrace check --json`.
#include <catch2/catch.hpp>

#include "findings_model.hpp"
#include "window_fixture.hpp"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTextDocument>

using namespace cspview;

TEST_CASE("the viewer numbers findings' events as csptrace check does", "[window][numbering]") {
  const QStringList fixtures =
      QDir(QStringLiteral(CSP_FIXTURES))
          .entryList({QStringLiteral("finding-*.jsonl"), QStringLiteral("nearmiss-*.jsonl")});
  REQUIRE(fixtures.size() >= 8);
  int compared = 0;
  for (const QString& name : fixtures) {
    INFO(name.toStdString());
    QProcess check;
    check.start(QStringLiteral(CSPTRACE_EXE), {QStringLiteral("check"), QStringLiteral("--json"),
                                               fixture_path(name.toUtf8().constData())});
    REQUIRE(check.waitForFinished(20000));
    const QJsonArray expected =
        QJsonDocument::fromJson(check.readAllStandardOutput()).object()["findings"].toArray();
    OpenWindow o(fixture_path(name.toUtf8().constData()));
    REQUIRE(o.ok);
    const auto& doc = *o.w.document();
    REQUIRE(doc.findings().size() == size_t(expected.size()));
    for (int f = 0; f < expected.size(); ++f) {
      const QJsonObject want = expected[f].toObject();
      o.w.select_finding(f, true);
      // The Findings panel's header line: "at 2.000 µs, event 7".
      static const QRegularExpression header(QStringLiteral(">event (\\d+)<"));
      const auto mt = header.match(FindingsModel::finding_html(doc, size_t(f)));
      REQUIRE(mt.hasMatch());
      CHECK(mt.captured(1).toLongLong() == want["event"].toInteger());
      // What the window shows.
      const QJsonObject v = o.w.view_json();
      CHECK(v["finding"].toObject()["kind"].toString() == want["kind"].toString());
      CHECK(v["finding"].toObject()["event"].toInteger() == want["event"].toInteger());
      CHECK(v["cursor_event"].toInteger() == want["event"].toInteger());
      // The explanation, with its "event N" references, reads the same in the viewer (links
      // change only the markup).
      QTextDocument shown;
      shown.setHtml(FindingsModel::finding_html(doc, size_t(f)));
      CHECK(shown.toPlainText().simplified().contains(want["explanation"].toString().simplified()));
      ++compared;
    }
  }
  CHECK(compared >= 12);
}
