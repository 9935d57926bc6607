// The timeline's tooltips: what is under the mouse, in words, and where a click leads.
#include "timeline_widget.hpp"

#include "count_text.hpp"
#include "finding_painter.hpp"
#include "lane_detail.hpp"
#include "lane_painter.hpp"
#include "timer_text.hpp"

#include <csptrace/event_format.hpp>

#include <QHelpEvent>
#include <QToolTip>

namespace cspview {

namespace {

QString esc(const std::string& s) { return QString::fromStdString(s).toHtmlEscaped(); }

}  // namespace

QString TimelineWidget::tooltip_at(QPoint pos) const {
  if (!doc_) return {};
  const auto& m = doc_->model();
  const TimelineScene s = scene();
  if (s.strip_rect().contains(pos)) {
    const CycleStrip strip = FindingPainter::strip(s);
    const auto edge = strip.edge_at(pos.x(), pos.y());
    if (!edge)
      return QStringLiteral(
          "The wait-for cycle: each arrow goes from a waiting process through the channel "
          "it waits on to the process that could release it.");
    const WaitArrow& a = overlay_.cycle[*edge];
    return QStringLiteral(
               "<b>%1</b> waits to %2, which only <b>%3</b> could complete.<br>Click: go to the "
               "park "
               "that began the wait.")
        .arg(esc(doc_->process_label(a.waiter)), esc(a.label),
             esc(doc_->process_label(a.releaser)));
  }
  if (auto e = deviation_at(pos)) {
    if (const DeviationMark* d = doc_->deviations().at_event(*e))
      return QStringLiteral("<b>Scheduler deviation</b><br>%1<br><pre>%2</pre>")
          .arg(esc(deviation_text(*d)),
               QString::fromStdString(csptrace::format_event(m, *e)).simplified().toHtmlEscaped());
  }
  // Over a folded run, any event near the mouse is one of hundreds: say what the run holds.
  if (const QString folded = fold_tooltip(pos); !folded.isEmpty()) return folded;
  if (auto e = event_at(pos)) {
    const auto ev = m.event(*e);
    QString text =
        QStringLiteral("<pre>%1</pre>")
            .arg(
                QString::fromStdString(csptrace::format_event(m, *e)).simplified().toHtmlEscaped());
    if (ev.has(csptrace::Field::loc))
      text += QStringLiteral("at <b>%1</b>").arg(esc(std::string(m.str(ev.loc))));
    if (m.chan_index(*e) != csptrace::kNone) {
      const std::string note =
          timer_note(m, doc_->lanes().channel_events(m.chan_index(*e)), m.chan_index(*e));
      if (!note.empty()) text += QStringLiteral("<br>timer: %1").arg(esc(note));
    }
    return text;
  }
  if (pos.y() >= s.lanes_top() && pos.x() >= s.label_width()) {
    std::optional<LaneRow> row = layout_.row_at(pos.y() - s.lanes_top() + scroll_y_);
    if (row && row->kind == RowKind::Process && doc_->has_analysis()) {
      const double t = s.t_of(pos.x());
      for (const StuckWait& w : doc_->stuck())
        if (w.proc == row->index && t >= double(w.since))
          return QStringLiteral(
                     "<b>%1</b> %2<br>since %3, to the end of the trace%4<br>Click: go to the park "
                     "that "
                     "began the wait.")
              .arg(
                  esc(doc_->process_label(w.proc)), esc(w.what),
                  esc(csptrace::format_duration(w.since)),
                  w.where.empty() ? QString() : QStringLiteral(", at <b>%1</b>").arg(esc(w.where)));
    }
    if (auto a = arrow_at(pos))
      return QStringLiteral("<pre>%1</pre>")
          .arg(QString::fromStdString(csptrace::format_event(m, *a)).simplified().toHtmlEscaped());
  }
  if (const QString span = span_tooltip(pos); !span.isEmpty()) return span;
  if (pos.x() < s.label_width() && pos.y() >= s.lanes_top()) {
    std::optional<LaneRow> row = layout_.row_at(pos.y() - s.lanes_top() + scroll_y_);
    if (row && row->kind == RowKind::Process) {
      const auto& info = m.processes()[row->index];
      QString text = QStringLiteral("process <b>%1</b> (%2)")
                         .arg(esc(doc_->process_label(row->index)),
                              QString::fromUtf8(csptrace::to_string(info.mode).data()));
      if (const std::string loc(m.str(info.loc)); !loc.empty())
        text += QStringLiteral("<br>spawned at %1").arg(esc(loc));
      return text;
    }
    if (row && row->kind == RowKind::Channel) {
      const auto& info = m.channels()[row->index];
      QString text = QStringLiteral("channel <b>%1</b>: %2, capacity %3")
                         .arg(esc(doc_->channel_label(row->index)),
                              QString::fromUtf8(csptrace::to_string(info.buffer).data()))
                         .arg(info.cap);
      if (const std::string loc(m.str(info.loc)); !loc.empty())
        text += QStringLiteral("<br>made at %1").arg(esc(loc));
      const std::string note = timer_note(m, doc_->lanes().channel_events(row->index), row->index);
      if (!note.empty()) text += QStringLiteral("<br>timer: %1").arg(esc(note));
      return text;
    }
  }
  if (pos.y() >= s.axis_top() && pos.y() < s.lanes_top() && pos.x() < s.label_width() &&
      timers_are_virtual(m))
    return QStringLiteral(
        "The axis is the clock the recorder stamped events with. This run used the deterministic "
        "scheduler (--seed), whose timers run on a virtual clock: a timer fires when every process "
        "waits, not after its duration on this axis.");
  return {};
}

QString TimelineWidget::span_tooltip(QPoint pos) const {
  // The state span under the mouse on a process lane: what the process did, since when, how long.
  const TimelineScene s = scene();
  if (!doc_->has_analysis() || !s.lanes_rect().contains(pos)) return {};
  std::optional<LaneRow> row = layout_.row_at(pos.y() - s.lanes_top() + scroll_y_);
  if (!row || row->kind != RowKind::Process) return {};
  const auto& iv = doc_->timeline().intervals(row->index);
  const auto t = int64_t(s.t_of(pos.x()));
  const size_t k = doc_->timeline().first_interval_from(row->index, t);
  if (k >= iv.size() || iv[k].t_begin > t || iv[k].state == csptrace::ProcState::NotStarted)
    return {};
  const auto& span = iv[k];
  QString what = QString::fromUtf8(csptrace::to_string(span.state).data());
  if (csptrace::is_waiting(span.state)) {
    what += QStringLiteral(": ") + QString::fromUtf8(csptrace::to_string(span.op).data());
    if (span.chan != csptrace::kNone)
      what += QStringLiteral(" ") + QString::fromStdString(doc_->channel_label(span.chan));
  }
  const bool last = k + 1 == iv.size();
  return QStringLiteral("<b>%1</b> %2<br>from %3%4")
      .arg(esc(doc_->process_label(row->index)), what.toHtmlEscaped(),
           esc(csptrace::format_duration(span.t_begin)),
           last ? QStringLiteral(" to the end of the trace")
                : QStringLiteral(" for %1").arg(
                      esc(csptrace::format_duration(span.t_end - span.t_begin))));
}

QString TimelineWidget::fold_tooltip(QPoint pos) const {
  // A folded run under the mouse on a process lane (as LanePainter draws it): how many changes
  // it counts and the state held longest in the part under the mouse.
  const TimelineScene s = scene();
  if (!doc_->has_analysis() || !s.lanes_rect().contains(pos)) return {};
  std::optional<LaneRow> found = layout_.row_at(pos.y() - s.lanes_top() + scroll_y_);
  if (!found || found->kind != RowKind::Process) return {};
  const LaneRow& row = *found;
  const double x = pos.x() - s.label_width();
  const auto& iv = doc_->timeline().intervals(row.index);
  for (const SpanMark& span : fold_spans(iv, scale_, LanePainter::kFoldPx)) {
    if (span.x0 > x) break;
    if (span.count == 1 || x >= std::max(span.x1, span.x0 + LanePainter::kFoldPx)) continue;
    QString text = QStringLiteral("<b>%1</b>: %2 state changes folded here (zoom in to see each)")
                       .arg(esc(doc_->process_label(row.index)),
                            QString::fromStdString(count_text(span.count)));
    for (const FoldPiece& piece : fold_pieces(iv, doc_->summary().process(row.index), span, scale_))
      if (piece.x0 <= x && x < piece.x1) {
        QString what = QString::fromUtf8(csptrace::to_string(piece.state).data());
        if (csptrace::is_waiting(piece.state))
          what += QStringLiteral(": ") + QString::fromUtf8(csptrace::to_string(piece.op).data());
        text += QStringLiteral("<br>held longest here: %1").arg(what.toHtmlEscaped());
      }
    return text;
  }
  return {};
}

bool TimelineWidget::event(QEvent* e) {
  if (e->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(e);
    const QString text = tooltip_at(help->pos());
    if (text.isEmpty())
      QToolTip::hideText();
    else
      QToolTip::showText(help->globalPos(), text, this);
    return true;
  }
  return QWidget::event(e);
}

}  // namespace cspview
