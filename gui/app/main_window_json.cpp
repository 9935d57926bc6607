// What the window shows, as JSON (--view-json, and the tests): the view, the cursor, the
// finding, the story, the deviations, the folded runs of the process lanes in view, and a
// preview's marks.
#include "main_window.hpp"

#include "lane_detail.hpp"
#include "lane_painter.hpp"
#include "legend.hpp"
#include "span_fold.hpp"
#include "view_tabs.hpp"

#include <csptrace/event_format.hpp>

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace cspview {

QJsonObject MainWindow::view_json() const {
  QJsonObject o;
  const TimeScale& s = timeline_->scale();
  o[QStringLiteral("visible_ns")] = QJsonArray{s.start_ns, s.end_ns()};
  o[QStringLiteral("window")] = QJsonArray{width(), height()};
  o[QStringLiteral("dark")] = dark_;
  o[QStringLiteral("presentation")] = presentation_;
  if (following() || follow_.end != Follow::End::None) o[QStringLiteral("follow")] = follow_json();
  const CursorView* shown = views_->current_view();
  o[QStringLiteral("active_view")] =
      shown ? shown->describe() : QJsonObject{{QStringLiteral("view"), QStringLiteral("timeline")}};
  if (!doc_) return o;
  const auto& m = doc_->model();
  o[QStringLiteral("file")] = path_;
  // A preview's count is the whole trace's; its model holds only the lanes' declarations.
  o[QStringLiteral("events")] = qint64(doc_->is_preview() ? doc_->preview_events() : m.size());
  o[QStringLiteral("preview")] = doc_->is_preview();
  o[QStringLiteral("run_ns")] = QJsonArray{qint64(doc_->run().first), qint64(doc_->run().last)};
  o[QStringLiteral("end_ns")] = qint64(doc_->run().end);
  const auto ev = stepper_->current_event();
  o[QStringLiteral("cursor_event")] = ev ? QJsonValue(qint64(m.seq(*ev))) : QJsonValue();
  const int f = findings_->current();
  if (f >= 0 && size_t(f) < doc_->findings().size()) {
    const auto& fd = doc_->findings()[size_t(f)];
    QJsonObject jf{
        {QStringLiteral("kind"), QString::fromUtf8(csptrace::to_string(fd.kind).data())}};
    jf[QStringLiteral("event")] =
        fd.event < m.size() ? QJsonValue(qint64(m.seq(fd.event))) : QJsonValue();
    QJsonArray causes;
    for (size_t c : timeline_->scene().overlay->causes) causes.append(qint64(m.seq(c)));
    jf[QStringLiteral("causes")] = causes;
    o[QStringLiteral("finding")] = jf;
  } else {
    o[QStringLiteral("finding")] = QJsonValue();
  }
  const StoryStep& story = timeline_->story();
  o[QStringLiteral("caption")] = QString::fromStdString(story.caption);
  o[QStringLiteral("story_label")] = QString::fromStdString(story.label);
  o[QStringLiteral("story_event")] =
      story.focus ? QJsonValue(qint64(m.seq(*story.focus))) : QJsonValue();
  // The warning line the timeline shows: the trace's (cut short, ...), or why only a preview
  // is shown.
  const QString& warning = timeline_->warning();
  o[QStringLiteral("warning")] = warning.isEmpty() ? QJsonValue() : QJsonValue(warning);
  o[QStringLiteral("timeline_width")] = timeline_->width();
  // The rows the timeline lays out (lanes and the two group headers), and the process whose
  // interacting lanes alone are shown ("only with selected"), if any.
  o[QStringLiteral("lane_rows")] = qint64(timeline_->lane_layout().row_count());
  const auto focus = timeline_->focus_process();
  o[QStringLiteral("lane_focus")] =
      focus ? QJsonValue(QString::fromStdString(doc_->process_label(*focus))) : QJsonValue();
  o[QStringLiteral("cycle_edges")] = qint64(timeline_->scene().overlay->cycle.size());
  o[QStringLiteral("folds")] = folds_json();
  if (doc_->is_preview()) o[QStringLiteral("preview_marks")] = preview_json();
  o[QStringLiteral("legend")] =
      QJsonArray::fromStringList(Legend::texts(!doc_->deviations().empty()));
  // The scheduler-deviation markers the timeline draws, each on its lane.
  QJsonArray devs;
  for (const DeviationMark& d : doc_->deviations().all())
    devs.append(QJsonObject{
        {QStringLiteral("event"), qint64(m.seq(d.event))},
        {QStringLiteral("process"),
         d.proc != csptrace::kNone ? QJsonValue(QString::fromStdString(d.lane)) : QJsonValue()},
        {QStringLiteral("channel"),
         d.chan != csptrace::kNone ? QJsonValue(QString::fromStdString(d.lane)) : QJsonValue()},
        {QStringLiteral("decision"), QString::fromUtf8(csptrace::to_string(d.kind).data())},
        {QStringLiteral("chosen"), QString::fromStdString(d.chosen)},
        {QStringLiteral("default"), QString::fromStdString(d.by_default)},
        {QStringLiteral("number"), qint64(d.decision)}});
  o[QStringLiteral("deviations")] = devs;
  return o;
}

QJsonArray MainWindow::folds_json() const {
  // The folded runs of the process lanes in view, as the painter draws them: their extent in
  // pixels, how many state changes each counts, and the state held longest along each part.
  QJsonArray out;
  if (!doc_ || !doc_->has_analysis()) return out;
  const TimelineScene scene = timeline_->scene();
  const auto [first, last] = scene.visible_rows();
  for (size_t r = first; r < last; ++r) {
    const LaneRow row = scene.layout->row(r);
    if (row.kind != RowKind::Process) continue;
    const auto intervals = doc_->timeline().intervals(row.index);
    for (const SpanMark& span : fold_spans(intervals, scene.scale, LanePainter::kFoldPx)) {
      if (span.count == 1) continue;
      QJsonArray pieces;
      for (const FoldPiece& piece :
           fold_pieces(intervals, doc_->summary().process(row.index), span, scene.scale))
        pieces.append(QJsonObject{
            {QStringLiteral("x"),
             QJsonArray{std::round(piece.x0 * 10) / 10, std::round(piece.x1 * 10) / 10}},
            {QStringLiteral("state"), QString::fromUtf8(csptrace::to_string(piece.state).data())},
            {QStringLiteral("op"), QString::fromUtf8(csptrace::to_string(piece.op).data())}});
      out.append(QJsonObject{
          {QStringLiteral("process"), QString::fromStdString(doc_->process_label(row.index))},
          {QStringLiteral("x"),
           QJsonArray{std::round(span.x0 * 10) / 10, std::round(span.x1 * 10) / 10}},
          {QStringLiteral("count"), qint64(span.count)},
          {QStringLiteral("pieces"), pieces}});
    }
  }
  return out;
}

QJsonArray MainWindow::preview_json() const {
  // A preview's lanes in view, as the painter draws them: each mark's extent in pixels and how
  // many events it counts.
  QJsonArray out;
  if (!doc_ || !doc_->is_preview()) return out;
  const TimelineScene scene = timeline_->scene();
  const auto [first, last] = scene.visible_rows();
  for (size_t r = first; r < last; ++r) {
    const LaneRow row = scene.layout->row(r);
    if (row.kind != RowKind::Process && row.kind != RowKind::Channel) continue;
    const bool process = row.kind == RowKind::Process;
    QJsonArray marks;
    const auto side =
        process ? csptrace::LaneDensity::Side::Process : csptrace::LaneDensity::Side::Channel;
    for (const LaneMark& m :
         doc_->preview_marks(side, row.index, scene.scale, LanePainter::kFoldPx))
      marks.append(QJsonObject{
          {QStringLiteral("x"), QJsonArray{std::round(m.x0 * 10) / 10, std::round(m.x1 * 10) / 10}},
          {QStringLiteral("count"), qint64(m.count)}});
    out.append(QJsonObject{{process ? QStringLiteral("process") : QStringLiteral("channel"),
                            QString::fromStdString(process ? doc_->process_label(row.index)
                                                           : doc_->channel_label(row.index))},
                           {QStringLiteral("marks"), marks}});
  }
  return out;
}

}  // namespace cspview
