#include "axis_painter.hpp"

#include "event_number.hpp"
#include "label_row.hpp"
#include "lane_index.hpp"
#include "timer_text.hpp"

#include <csptrace/event_format.hpp>

#include <algorithm>

namespace cspview {

namespace {

double tick_gap(const TimelineScene& s) { return 90 * s.theme.font_scale; }

}  // namespace

void AxisPainter::paint_grid(QPainter& p) const {
  p.setPen(QPen(s_.theme.grid, 1, Qt::DotLine));
  for (const AxisTick& t : s_.scale.ticks(tick_gap(s_))) {
    if (t.t_ns < 0) continue;
    const double x = s_.label_width() + t.x;
    p.drawLine(QPointF(x, s_.lanes_top()), QPointF(x, s_.lanes_bottom()));
  }
}

void AxisPainter::paint_idle(QPainter& p) const {
  const RunSpan& run = s_.doc->run();
  if (run.idle_tail() <= 0) return;
  const QRectF lanes = s_.lanes_rect();
  const double x0 = std::max(s_.x_of(double(run.last)) + 1, lanes.left());
  const double x1 = std::min(s_.x_of(double(run.end)), lanes.right());
  if (x0 >= lanes.right()) return;  // the run's end is off to the right
  if (x1 > x0) {
    QColor c = s_.theme.text_dim;
    c.setAlpha(45);
    p.fillRect(QRectF(x0, lanes.top(), x1 - x0, lanes.height()), QBrush(c, Qt::FDiagPattern));
  }
  // In words, on the Processes title row (nothing else is drawn there but the title): from the
  // run's end when that leaves room, else against the lanes' right edge.
  const LaneRow title = s_.layout->row(0);
  if (title.kind != RowKind::ProcessGroup) return;
  const QFont f = s_.theme.font(s_.font, 0.85);
  const QFontMetrics fm(f);
  const QString text = QStringLiteral("⟩⟩ idle %1, the trace ends at %2")
                           .arg(QString::fromStdString(csptrace::format_duration(run.idle_tail())),
                                QString::fromStdString(csptrace::format_duration(run.end)));
  const double w = fm.horizontalAdvance(text) + 8;
  const double x =
      std::max(std::min(x0 + 4, lanes.right() - w - 4), lanes.left() + lanes.width() / 3);
  const QRectF box(x, s_.row_top(title), std::min(w, lanes.right() - x), title.height);
  p.setFont(f);
  p.setPen(s_.theme.text_dim);
  p.drawText(box, Qt::AlignVCenter | Qt::AlignLeft,
             fm.elidedText(text, Qt::ElideRight, int(box.width())));
}

void AxisPainter::paint(QPainter& p) const {
  const auto& m = s_.doc->model();
  const int top = s_.axis_top(), h = s_.metrics.axis_height;
  const QRect axis(0, top, s_.size.width(), h);
  p.fillRect(axis, s_.theme.axis_background);
  const double lx = s_.label_width();
  const double width = s_.lanes_right() - lx;
  LabelRow row;
  p.save();
  p.setClipRect(QRect(s_.label_width(), top, s_.lanes_right() - s_.label_width(), h));

  // 1. The cursor's badge: the event number csptrace prints.
  const QFont bold = s_.theme.font(s_.font, 0.95, true);
  const QFontMetrics bfm(bold);
  std::optional<QRectF> badge;
  if (s_.cursor && *s_.cursor < m.size()) {
    const double x = s_.scale.x_of(double(m.time(*s_.cursor)));
    const QString text = QString::fromStdString(event_ref(m, *s_.cursor));
    const double w = bfm.horizontalAdvance(text) + 10;
    if (x >= -w / 2 && x <= width + w / 2) {
      const double left = std::clamp(x - w / 2, 0.0, std::max(0.0, width - w));
      row.reserve(left, left + w);
      badge = QRectF(lx + left, top + 2, w, h - 4);
      p.setBrush(s_.theme.cursor);
      p.setPen(Qt::NoPen);
      p.drawRoundedRect(*badge, 4, 4);
      p.setPen(Qt::black);
      p.setFont(bold);
      p.drawText(*badge, Qt::AlignCenter, text);
    }
  }

  // 2. The idle tail: a break mark (two slants) just after the run's last event (paint_idle
  // says what follows in words).
  const RunSpan& run = s_.doc->run();
  const double xr = s_.scale.x_of(double(run.last)) + 5;
  const bool idle = run.idle_tail() > 0 && xr < width && xr > -40;
  if (idle && row.free(xr - 3, xr + 7)) {
    p.setPen(QPen(s_.theme.text_dim, 1.5));
    for (double dx : {0.0, 4.0})
      p.drawLine(QPointF(lx + xr + dx - 2, top + h - 3), QPointF(lx + xr + dx + 2, top + 3));
    row.reserve(xr - 3, xr + 7);
  }

  // 3. User marks as flags.
  auto marks = LaneIndex::visible(m, s_.doc->lanes().marks(), s_.scale.t_of(0), s_.scale.end_ns());
  if (marks.size() <= 200) {
    const QFont f = s_.theme.font(s_.font, 0.9, true);
    const QFontMetrics fm(f);
    p.setFont(f);
    for (uint32_t e : marks) {
      const double x = s_.scale.x_of(double(m.time(e)));
      const std::string_view text = m.str(m.event(e).label);
      const QString label = QString::fromUtf8(text.data(), qsizetype(text.size()));
      const double w = fm.horizontalAdvance(label) + 10;
      const auto at = row.place(x, w, x - w, width);
      if (!at) continue;
      const QRectF box(lx + *at, top + 2, w, h - 4);
      p.fillRect(box, s_.theme.cursor.lighter(s_.theme.dark ? 60 : 170));
      p.setPen(s_.theme.text);
      p.drawText(box.adjusted(5, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, label);
    }
  }

  // 4. Ticks, and their times where they fit.
  const QFont tf = s_.theme.font(s_.font, 0.95);
  const QFontMetrics tfm(tf);
  p.setFont(tf);
  for (const AxisTick& t : s_.scale.ticks(tick_gap(s_))) {
    // A tick under a label (the badge, a mark) is left out rather than drawn through it.
    if (t.t_ns < 0 || !row.free(t.x - 0.5, t.x + 0.5)) continue;
    p.setPen(s_.theme.text);
    p.drawLine(QPointF(lx + t.x, top + h - 6), QPointF(lx + t.x, top + h));
    const QString text = QString::fromStdString(t.label);
    const double w = tfm.horizontalAdvance(text) + 3;
    if (row.free(t.x + 1, t.x + w + 3)) {
      row.reserve(t.x, t.x + w + 3);
      p.drawText(QRectF(lx + t.x + 3, top, w + 2, h - 2), Qt::AlignVCenter | Qt::AlignLeft, text);
    }
  }
  p.restore();

  // The corner: what the axis measures.
  p.fillRect(QRect(0, top, s_.label_width(), h), s_.theme.axis_background);
  p.setPen(s_.theme.text_dim);
  p.setFont(s_.theme.font(s_.font, 0.9));
  const QFontMetrics cfm(p.font());
  p.drawText(
      QRect(8, top, s_.label_width() - 10, h), Qt::AlignVCenter | Qt::AlignLeft,
      cfm.elidedText(QString::fromStdString(axis_title(m)), Qt::ElideRight, s_.label_width() - 10));
}

}  // namespace cspview
