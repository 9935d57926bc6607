// Points 2, 4, 6 and 8 of issue 22 on the real window: the story at the cursor, clickable
// curves and spans, the wait-for cycle in its own strip, findings that lead to their cause.
#include <catch2/catch.hpp>

#include "arrow_painter.hpp"
#include "event_inspector.hpp"
#include "event_tone.hpp"
#include "finding_painter.hpp"
#include "window_actions.hpp"
#include "window_fixture.hpp"

#include <QFile>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTextBrowser>

#include <optional>

using namespace cspview;

namespace {

size_t finding_of(const TraceDocument& doc, csptrace::FindingKind k) {
  for (size_t f = 0; f < doc.findings().size(); ++f)
    if (doc.findings()[f].kind == k) return f;
  return doc.findings().size();
}

}  // namespace

TEST_CASE("the story caption and the hand-over's label follow the cursor, also in the export",
          "[window][story]") {
  QTemporaryDir dir;
  OpenWindow o(fixture_path("hotdog.jsonl"));
  REQUIRE(o.ok);
  o.w.seek_event(6);
  const QJsonObject v = o.w.view_json();
  CHECK(v["caption"].toString() ==
        "main hands \"pocket lint\" to hot-dog-machine through in: a rendezvous, both were there.");
  CHECK(v["story_label"].toString() == "main → in → hot-dog-machine: \"pocket lint\"");
  CHECK(v["cursor_event"].toInt() == int(o.w.document()->model().seq(6)));
  const QString svg = dir.filePath(QStringLiteral("story.svg"));
  QString error;
  REQUIRE(o.w.export_view(svg, &error));
  QFile f(svg);
  REQUIRE(f.open(QIODevice::ReadOnly));
  const QByteArray text = f.readAll();
  CHECK(text.contains("pocket lint"));
  CHECK(text.contains("a rendezvous, both were there"));
  // The highlighted hand-over is drawn in the story colour: it changes the picture.
  const QImage with = grab_window(o.w);
  o.w.seek_event(0);
  CHECK(grab_window(o.w) != with);
}

TEST_CASE("an arrow's curve and a state span are clickable, not only the dot", "[window][story]") {
  OpenWindow o(fixture_path("hotdog.jsonl"));
  REQUIRE(o.ok);
  TimelineWidget* tl = o.w.timeline();
  tl->show_range(4500, 8000);
  const TimelineScene s = tl->scene();
  const auto arrow = ArrowPainter(s).arrow(6);
  REQUIRE(arrow.has_value());
  // A point on the curve halfway between the sender's lane and the channel, off any marker.
  const QPointF on_curve = arrow->path.pointAtPercent(0.25);
  const auto hit = tl->click_target(on_curve.toPoint());
  REQUIRE(hit.has_value());
  CHECK(hit->event == 6u);
  // A click on the middle of the machine's first wait (3.0 µs .. 5.1 µs) selects the park
  // that began it.
  tl->fit_all();
  const TimelineScene fit = tl->scene();
  std::optional<LaneRow> machine = fit.layout->process_row(1);
  const auto span = tl->click_target(QPoint(int(fit.x_of(4000)), fit.row_centre(*machine)));
  REQUIRE(span.has_value());
  CHECK_FALSE(span->jump);
  CHECK(o.w.document()->model().kind(span->event) == csptrace::EventKind::Park);
  CHECK(o.w.document()->model().proc_index(span->event) == 1u);
}

TEST_CASE("the wait-for cycle is never drawn over events, and each edge leads to its park",
          "[window][findings]") {
  OpenWindow o(fixture_path("gui-philosophers-deadlock.jsonl"));
  REQUIRE(o.ok);
  const size_t f = finding_of(*o.w.document(), csptrace::FindingKind::WaitCycle);
  REQUIRE(f < o.w.document()->findings().size());
  o.w.select_finding(int(f), false);
  TimelineWidget* tl = o.w.timeline();
  // Zoomed into the middle of the run, with the end off screen (where the old drawing pinned
  // the cycle over the events).
  tl->show_range(o.w.document()->t_begin(),
                 (o.w.document()->t_begin() + o.w.document()->t_end()) / 2);
  const TimelineScene s = tl->scene();
  REQUIRE(s.strip_width > 0);
  const CycleStrip strip = FindingPainter::strip(s);
  REQUIRE(strip.columns().size() == 3);
  for (const CycleColumn& c : strip.columns()) {
    CHECK(c.x - 20 >= s.lanes_right());  // the bows too stay out of the lanes
    QSignalSpy jumped(tl, &TimelineWidget::jump_requested);
    const auto hit = tl->click_target(QPoint(int(c.x), int((c.y_waiter + *c.y_chan) / 2)));
    REQUIRE(hit.has_value());
    CHECK(hit->jump);
    CHECK(o.w.document()->model().kind(hit->event) == csptrace::EventKind::Park);
  }
  // A click on a stuck span jumps to the park that began the wait (a place in the history).
  const StuckWait& w = o.w.document()->stuck().front();
  tl->fit_all();
  const TimelineScene fit = tl->scene();
  std::optional<LaneRow> row = fit.layout->process_row(w.proc);
  REQUIRE(row);
  const auto stuck = tl->click_target(QPoint(fit.lanes_right() - 5, fit.row_centre(*row)));
  REQUIRE(stuck.has_value());
  CHECK(stuck->event == w.park_event);
  CHECK(stuck->jump);
}

TEST_CASE("a selected finding keeps the lanes' state colours as the legend shows them",
          "[window][findings]") {
  OpenWindow o(fixture_path("gui-philosophers-deadlock.jsonl"));
  REQUIRE(o.ok);
  TimelineWidget* tl = o.w.timeline();
  const auto& doc = *o.w.document();
  // A running span of an involved process, sampled in its middle.
  const size_t f = finding_of(doc, csptrace::FindingKind::WaitCycle);
  o.w.select_finding(int(f), false);
  const TimelineScene s = tl->scene();
  const uint32_t p = doc.findings()[f].processes.front();
  REQUIRE(s.overlay->involves_process(p));
  std::optional<csptrace::StateInterval> running;
  for (const csptrace::StateInterval iv : doc.timeline().intervals(p))
    if (iv.state == csptrace::ProcState::Running &&
        (!running || iv.t_end - iv.t_begin > running->t_end - running->t_begin))
      running = iv;
  REQUIRE(running);
  std::optional<LaneRow> row = s.layout->process_row(p);
  // Near the span's top edge: the stuck label sits on the lane's middle.
  const QPoint at(int(s.x_of((running->t_begin + running->t_end) / 2.0)), s.row_top(*row) + 6);
  REQUIRE(s.lanes_rect().contains(at));
  const QImage img = tl->grab().toImage();
  INFO("at " << at.x() << "," << at.y() << " colour "
             << QColor(img.pixel(at)).name().toStdString());
  CHECK(QColor(img.pixel(at)) == s.theme.state_colour(StateColour::Running));
}

TEST_CASE("explanations link to their processes, channels and events, the cause is ringed",
          "[window][findings]") {
  OpenWindow o(fixture_path("finding-stranded-wait.jsonl"));
  REQUIRE(o.ok);
  const auto& doc = *o.w.document();
  o.w.select_finding(0, false);
  const QString html = o.w.findings_panel()->explanation_html();
  CHECK(html.contains("cspview:process/"));
  CHECK(html.contains("cspview:channel/"));
  CHECK(html.contains("cspview:event/"));
  CHECK(html.contains("Cause"));
  const auto& causes = o.w.timeline()->scene().overlay->causes;
  REQUIRE(causes.size() == 1);
  // Following the event link moves the cursor there, and Alt+Left comes back.
  const auto before = o.w.stepper().current_event();
  o.w.follow_link(TextPiece{TextPiece::Kind::Event, "event 10", causes.front()});
  CHECK(o.w.stepper().current_event() == causes.front());
  o.w.actions().back->trigger();
  CHECK(o.w.stepper().current_event() == before);
  // A process link goes to where it waits forever.
  for (const StuckWait& w : doc.stuck()) {
    o.w.follow_link(TextPiece{TextPiece::Kind::Process, doc.process_label(w.proc), w.proc});
    CHECK(o.w.stepper().current_event() == w.park_event);
  }
}

TEST_CASE("the inspector offers W only where W finds the waker", "[window][findings]") {
  auto doc = load_document((QStringLiteral(CSP_FIXTURES "/") + "hotdog.jsonl").toStdString());
  const auto& m = doc->model();
  int offered = 0;
  for (size_t i = 0; i < m.size(); ++i) {
    const QString html = EventInspector::event_html(*doc, i, doc->replay().state_at(i));
    const bool offers = html.contains("W: go there");
    CHECK(offers == doc->waker_of(i).has_value());
    offered += offers;
  }
  CHECK(offered > 0);
}

TEST_CASE("a normal end is neutral: only a lost value is red", "[window][tone]") {
  OpenWindow o(fixture_path("hotdog.jsonl"));
  REQUIRE(o.ok);
  const auto& m = o.w.document()->model();
  EventListModel* list = o.w.event_model();
  int takes = 0, puts = 0;
  for (size_t i = 0; i < m.size(); ++i) {
    if (m.kind(i) != csptrace::EventKind::Refused) continue;
    const QVariant colour =
        list->data(list->index(int(i), EventListModel::Kind), Qt::ForegroundRole);
    if (m.event(i).op == csptrace::WaitOp::Take) {
      CHECK(tone_of(m, i) == Tone::Normal);
      CHECK_FALSE(colour.isValid());
      ++takes;
    } else {
      CHECK(tone_of(m, i) == Tone::Problem);
      CHECK(colour.value<QColor>() == ToneColours::make(false).problem);
      ++puts;
    }
  }
  CHECK(takes > 0);
  CHECK(puts > 0);
}
