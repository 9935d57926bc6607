// The scheduler's deviations from "run in order" in an explored trace: computed once in the
// document, told by the story and the tooltip, stepped through with D / Shift+D, and listed by
// --view-json; a run that kept to the order shows none.
#include <catch2/catch.hpp>

#include "fixture_document.hpp"
#include "story.hpp"
#include "window_actions.hpp"
#include "window_fixture.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

using namespace cspview;

namespace {

// Written by hand: the scheduler runs b before a, fires a timer while c could run, and has c's
// alt try guard 1 first (one deviation of each kind). In order: the same run with every
// decision the default one (real choices among them), and the lone timers fired last.
constexpr const char* kExplored = "gui-schedule-deviations.jsonl";
constexpr const char* kInOrder = "gui-schedule-in-order.jsonl";

QJsonObject view_json_of(const QString& trace, const QStringList& extra = {}) {
  QTemporaryDir dir;
  const QString png = dir.filePath(QStringLiteral("v.png")),
                json = dir.filePath(QStringLiteral("v.json"));
  QProcess p;
  p.start(QStringLiteral(CSPVIEW_EXE),
          QStringList{trace} + extra + QStringList{"--screenshot", png, "--view-json", json});
  REQUIRE(p.waitForFinished(20000));
  REQUIRE(p.exitCode() == 0);
  QFile f(json);
  REQUIRE(f.open(QIODevice::ReadOnly));
  return QJsonDocument::fromJson(f.readAll()).object();
}

}  // namespace

TEST_CASE("an explored trace's deviations are its decide events that did not run in order",
          "[deviations]") {
  auto doc = fixture(kExplored);
  const auto& m = doc->model();
  const auto& devs = doc->deviations();
  REQUIRE(devs.all().size() == 3);
  CHECK(devs.all()[0].chosen == "b");
  CHECK(devs.all()[0].by_default == "a");
  CHECK(devs.all()[1].chosen == "the timer t1");
  CHECK(devs.all()[1].by_default == "c");
  CHECK(deviation_label(devs.all()[1]) == "before c");
  CHECK(devs.all()[2].lane == "c");
  CHECK(deviation_label(devs.all()[2]) == "guard 1, not 0");
  size_t last = 0;
  for (const DeviationMark& d : devs.all()) {
    CHECK(m.kind(d.event) == csptrace::EventKind::Decide);
    CHECK(d.event >= last);
    last = d.event;
    CHECK(d.chosen != d.by_default);
    CHECK(d.decision >= 1);
    CHECK(d.decision <= d.decisions);
    CHECK(devs.at_event(d.event) == &d);
    // On the chosen process's lane, or for a timer that fired first on the timer's lane.
    CHECK((d.proc != csptrace::kNone) != (d.chan != csptrace::kNone));
    const auto lane = d.proc != csptrace::kNone ? devs.on_process(d.proc) : devs.on_channel(d.chan);
    CHECK(std::count_if(lane.begin(), lane.end(),
                        [&](uint32_t k) { return devs.all()[k].event == d.event; }) == 1);
    // The story caption at the decision says it in words.
    const std::string caption = story_at(*doc, d.event).caption;
    CHECK(caption == deviation_text(d));
    CHECK(caption.find("a deviation from running in order (decision " + std::to_string(d.decision) +
                       " of ") != std::string::npos);
  }
  const DeviationMark& first = devs.all().front();
  if (first.kind == csptrace::Decision::Run && first.proc != csptrace::kNone)
    CHECK(deviation_text(first) ==
          "The scheduler picks " + first.chosen + " to run next, before " + first.by_default +
              " (the oldest that could run): a deviation from running in order (decision " +
              std::to_string(first.decision) + " of " + std::to_string(first.decisions) + ").");
  // Stepping: from before the first event to the first deviation, and back again.
  CHECK(devs.next_event(std::nullopt, true) == first.event);
  CHECK(devs.next_event(first.event, false) == std::nullopt);
  CHECK(devs.next_event(devs.all().back().event, true) == std::nullopt);
  if (devs.all().size() > 1) {
    CHECK(devs.next_event(first.event, true) == devs.all()[1].event);
    CHECK(devs.next_event(devs.all()[1].event, false) == first.event);
  }
}

TEST_CASE("a run in order and a pool run have no deviations", "[deviations]") {
  auto in_order = fixture(kInOrder);
  // It has decisions, with real choices among them, but took the default at each.
  size_t decisions = 0;
  for (size_t i = 0; i < in_order->model().size(); ++i)
    if (in_order->model().kind(i) == csptrace::EventKind::Decide) ++decisions;
  CHECK(decisions == 6);
  CHECK(in_order->deviations().empty());
  CHECK(fixture("hotdog.jsonl")->deviations().empty());
  CHECK(story_at(*in_order, in_order->model().size() / 2).caption.find("deviation") ==
        std::string::npos);
}

TEST_CASE("the view JSON (--view-json) lists the deviation markers, and none for a run in order",
          "[deviations][cli]") {
  auto doc = fixture(kExplored);
  const QJsonObject v = view_json_of(fixture_path(kExplored));
  const QJsonArray devs = v["deviations"].toArray();
  REQUIRE(devs.size() == qsizetype(doc->deviations().all().size()));
  for (qsizetype k = 0; k < devs.size(); ++k) {
    const DeviationMark& d = doc->deviations().all()[size_t(k)];
    const QJsonObject j = devs[k].toObject();
    CHECK(j["event"].toInteger() == qint64(doc->model().seq(d.event)));
    CHECK(j["decision"].toString() == QString::fromUtf8(csptrace::to_string(d.kind).data()));
    CHECK(j["chosen"].toString().toStdString() == d.chosen);
    CHECK(j["default"].toString().toStdString() == d.by_default);
    CHECK(j["number"].toInteger() == qint64(d.decision));
    if (d.proc != csptrace::kNone)
      CHECK(j["process"].toString().toStdString() == doc->process_label(d.proc));
    else
      CHECK(j["channel"].toString().toStdString() == doc->channel_label(d.chan));
  }
  // --at a deviation: the caption tells it.
  const qint64 first = devs[0].toObject()["event"].toInteger();
  const QJsonObject at = view_json_of(fixture_path(kExplored), {"--at", QString::number(first)});
  CHECK(at["cursor_event"].toInteger() == first);
  CHECK(at["caption"].toString().contains("a deviation from running in order"));
  CHECK(view_json_of(fixture_path(kInOrder))["deviations"].toArray().isEmpty());
  CHECK(view_json_of(fixture_path("hotdog.jsonl"))["deviations"].toArray().isEmpty());
}

TEST_CASE("D and Shift+D step from deviation to deviation", "[deviations][window]") {
  OpenWindow o(fixture_path(kExplored));
  REQUIRE(o.ok);
  const auto& devs = o.w.document()->deviations().all();
  REQUIRE(devs.size() >= 2);
  o.w.stepper().to_start();
  REQUIRE(o.w.actions().next_deviation->isEnabled());
  CHECK(o.w.actions().next_deviation->shortcut() == QKeySequence(Qt::Key_D));
  CHECK(o.w.actions().prev_deviation->shortcut() == QKeySequence(QStringLiteral("Shift+D")));
  o.w.actions().next_deviation->trigger();
  CHECK(o.w.stepper().current_event() == devs[0].event);
  o.w.actions().next_deviation->trigger();
  CHECK(o.w.stepper().current_event() == devs[1].event);
  o.w.actions().prev_deviation->trigger();
  CHECK(o.w.stepper().current_event() == devs[0].event);
  CHECK(o.w.timeline()->story().caption == deviation_text(devs[0]));
  // A jump: Alt+Left comes back.
  o.w.actions().back->trigger();
  CHECK(o.w.stepper().current_event() == devs[1].event);
  o.w.seek_event(devs[0].event);
  QApplication::processEvents();
  // The badge is on the chosen process's lane, and its tooltip says what happened there.
  const TimelineScene scene = o.w.timeline()->scene();
  const DeviationMark& d = devs[0];
  std::optional<LaneRow> row = d.proc != csptrace::kNone ? scene.layout->process_row(d.proc)
                                                         : scene.layout->channel_row(d.chan);
  REQUIRE(row.has_value());
  const QPoint badge(int(scene.x_of(double(o.w.document()->model().time(d.event)))),
                     scene.row_centre(*row));
  CHECK(o.w.timeline()->tooltip(badge).contains(QStringLiteral("Scheduler deviation")));
  CHECK(
      o.w.timeline()->tooltip(badge).contains(QStringLiteral("a deviation from running in order")));

  OpenWindow in_order(fixture_path(kInOrder));
  REQUIRE(in_order.ok);
  CHECK_FALSE(in_order.w.actions().next_deviation->isEnabled());
  CHECK_FALSE(in_order.w.actions().prev_deviation->isEnabled());
}
