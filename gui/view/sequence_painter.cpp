#include "sequence_painter.hpp"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace cspview {

namespace {

QColor faded(QColor c, const QColor& bg) {
  // Rows after the cursor: mixed into the background rather than transparent, so an SVG and a
  // PNG look the same.
  return QColor::fromRgbF(float(c.redF() * 0.35 + bg.redF() * 0.65),
                          float(c.greenF() * 0.35 + bg.greenF() * 0.65),
                          float(c.blueF() * 0.35 + bg.blueF() * 0.65));
}

void arrow_head(QPainter& p, QPointF tip, double dir, double size, const QColor& c) {
  QPainterPath head;
  head.moveTo(tip);
  head.lineTo(tip.x() - dir * size, tip.y() - size * 0.55);
  head.lineTo(tip.x() - dir * size, tip.y() + size * 0.55);
  head.closeSubpath();
  p.fillPath(head, c);
}

StateColour wait_colour(const SeqWaitBar& b) {
  if (b.sleeping) return StateColour::Sleeping;
  if (b.blocked) return StateColour::BlockedThread;
  switch (csptrace::WaitOp(b.op)) {
    case csptrace::WaitOp::Put: return StateColour::ParkedPut;
    case csptrace::WaitOp::Take: return StateColour::ParkedTake;
    default: return StateColour::ParkedAlt;
  }
}

}  // namespace

SequencePainter::SequencePainter(const SequenceLayout& layout, const SequenceFrame& frame,
                                 const csptrace::TraceModel& m, const Theme& theme,
                                 const QFont& base)
    : layout_(layout), fr_(frame), m_(m), theme_(theme), font_(base) {
  // Type follows the row height: large rows (a short trace, presentation mode) get large type.
  font_.setPixelSize(int(std::clamp(fr_.row_h * 0.52, 12.0, 24.0)));
  bold_ = font_;
  bold_.setBold(true);
  bold_.setPixelSize(int(std::clamp(fr_.row_h * 0.58, 13.0, 26.0)));
  small_ = font_;
  small_.setPixelSize(std::max(11, font_.pixelSize() - 2));
}

void SequencePainter::paint(QPainter& p) const {
  p.save();
  p.setRenderHint(QPainter::Antialiasing);
  p.setRenderHint(QPainter::TextAntialiasing);
  p.fillRect(QRectF(0, 0, fr_.width, fr_.height), theme_.background);
  if (fr_.cursor_row && fr_.has_row(*fr_.cursor_row)) {
    QColor band = theme_.story;
    band.setAlpha(theme_.dark ? 70 : 40);
    const double y = fr_.y_of(*fr_.cursor_row);
    p.fillRect(QRectF(0, y - fr_.row_h / 2, fr_.width, fr_.row_h), band);
  }
  paint_lifelines(p);
  paint_bars(p);
  for (size_t r = fr_.first_row; r < fr_.end_row; ++r) paint_row(p, r);
  paint_cycle(p);
  paint_header(p);
  paint_notes(p);
  p.restore();
}

void SequencePainter::boxed_text(QPainter& p, const QRectF& r, int align, const QString& text,
                                 const QColor& c, int alpha) const {
  const QFontMetricsF fm(p.font());
  const QString shown = fm.elidedText(text, Qt::ElideRight, r.width());
  QRectF tight = fm.boundingRect(r, align, shown).adjusted(-3, 0, 3, 0);
  QColor bg = theme_.background;
  bg.setAlpha(alpha);
  p.fillRect(tight, bg);
  p.setPen(c);
  p.drawText(r, align, shown);
}

void SequencePainter::paint_lifelines(QPainter& p) const {
  for (size_t l = 0; l < layout_.lifelines().size(); ++l) {
    if (!fr_.shown(uint32_t(l))) continue;
    const SeqLifeline& line = layout_.lifelines()[l];
    if (line.end_row < fr_.first_row) continue;  // it exited before this part of the chart
    const double x = fr_.lane_x[l];
    auto y_at = [&](size_t row, double outside) {
      return fr_.has_row(row) ? fr_.y_of(row) : outside;
    };
    const double y0 =
        line.first_row > fr_.first_row ? y_at(line.first_row, fr_.bottom) : fr_.top - 4;
    const double y1 = line.end_row < fr_.end_row ? y_at(line.end_row, fr_.top) : fr_.bottom;
    if (line.first_row > fr_.first_row && y0 > fr_.top) {  // not spawned yet: a faint dotted line
      p.setPen(QPen(theme_.grid, 1, Qt::DotLine));
      p.drawLine(QPointF(x, fr_.top - 4), QPointF(x, y0));
    }
    if (y1 <= y0) continue;
    const bool channel = line.kind == SeqLifeline::Kind::Channel;
    p.setPen(QPen(line.stuck ? theme_.problem : theme_.text_dim, line.stuck ? 2.5 : 1.5,
                  channel ? Qt::DashLine : Qt::SolidLine));
    p.drawLine(QPointF(x, y0), QPointF(x, y1));
    if (line.end_row < fr_.end_row && line.end_row >= fr_.first_row) {  // its exit: a bar across
      p.setPen(QPen(line.failed ? theme_.problem : theme_.text_dim, 3));
      p.drawLine(QPointF(x - 10, y1), QPointF(x + 10, y1));
    }
  }
}

void SequencePainter::paint_bars(QPainter& p) const {
  const double w = std::max(8.0, fr_.row_h * 0.3);
  for (const SeqWaitBar& b : layout_.bars()) {
    if (!fr_.shown(b.lifeline) || b.first_row >= fr_.end_row || b.end_row < fr_.first_row) continue;
    const double y0 = fr_.has_row(b.first_row) ? fr_.y_of(b.first_row) : fr_.top;
    const double y1 = b.end_row < fr_.end_row
                          ? (fr_.has_row(b.end_row) ? fr_.y_of(b.end_row) : fr_.top)
                          : fr_.bottom;
    if (y1 <= y0) continue;
    QColor c = b.stuck ? theme_.problem : theme_.state_colour(wait_colour(b));
    if (fr_.cursor_row && b.first_row > *fr_.cursor_row) c = faded(c, theme_.background);
    const QRectF r(fr_.lane_x[b.lifeline] - w / 2, y0, w, y1 - y0);
    p.fillRect(r, c);
    if (b.stuck && b.end_row >= fr_.end_row) {  // never woken: ends in a red cross
      p.setPen(QPen(theme_.problem, 3));
      const QPointF c0(fr_.lane_x[b.lifeline], y1 + w);
      p.drawLine(c0 + QPointF(-w, -w), c0 + QPointF(w, w));
      p.drawLine(c0 + QPointF(-w, w), c0 + QPointF(w, -w));
    }
  }
}

void SequencePainter::paint_row(QPainter& p, size_t r) const {
  const SeqRow& row = layout_.rows()[r];
  const double y = fr_.y_of(r);
  const bool current = fr_.cursor_row && *fr_.cursor_row == r;
  const bool future = fr_.cursor_row ? r > *fr_.cursor_row : true;
  // The event number, as csptrace prints it, in the gutter.
  p.setFont(current ? bold_ : small_);
  p.setPen(current ? theme_.text : theme_.text_dim);
  p.drawText(QRectF(2, y - fr_.row_h / 2, fr_.gutter - 4, fr_.row_h),
             Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("#%1").arg(m_.seq(row.event)));
  QColor c = row.kind == SeqRow::Kind::Deadlock || row.kind == SeqRow::Kind::Refused
                 ? theme_.problem
             : row.kind == SeqRow::Kind::Drop  ? theme_.notice
             : row.kind == SeqRow::Kind::Spawn ? theme_.text_dim
                                               : theme_.arrow;
  if (current && row.arrow()) c = theme_.story;
  if (future) c = faded(c, theme_.background);
  if (row.kind == SeqRow::Kind::Deadlock) {
    p.setFont(bold_);
    boxed_text(p, QRectF(50, y - fr_.row_h / 2, fr_.width - 60, fr_.row_h), Qt::AlignCenter,
               QString::fromStdString(layout_.label(r)), c);
    return;
  }
  const QString label = QString::fromStdString(layout_.label(r));
  if (row.arrow() && fr_.shown(row.from) && fr_.shown(row.to)) {
    paint_arrow(p, row, label, y, c, current);
  } else if (row.arrow() && (fr_.shown(row.from) || fr_.shown(row.to))) {
    // One end is not in this part of the chart: a mark on the other, naming where it goes.
    SeqRow half = row;
    const bool out = fr_.shown(row.from);
    half.from = out ? row.from : row.to;
    half.to = kNoLane;
    const QString other = QString::fromStdString(layout_.lifelines()[out ? row.to : row.from].name);
    paint_mark(p, half,
               out ? label + QStringLiteral(" → ") + other : other + QStringLiteral(" → ") + label,
               y, c);
  } else if (!row.arrow() && fr_.shown(row.from)) {
    paint_mark(p, row, label, y, c);
  }
}

void SequencePainter::paint_arrow(QPainter& p, const SeqRow& row, const QString& label, double y,
                                  const QColor& c, bool current) const {
  const double x0 = fr_.lane_x[row.from], x1 = fr_.lane_x[row.to];
  const double dir = x1 >= x0 ? 1 : -1;
  const double width = current ? 3.5 : 2;
  const double head = std::clamp(fr_.row_h * 0.35, 8.0, 14.0);
  const bool spawn = row.kind == SeqRow::Kind::Spawn;
  p.setPen(QPen(c, width, spawn ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap));
  const QPointF tip(x1 - dir * 5, y);
  p.drawLine(QPointF(x0 + dir * 5, y), tip - QPointF(dir * head * 0.8, 0));
  arrow_head(p, tip, dir, head, c);
  // The label sits just above the arrow, as wide as the arrow and half a column either side.
  p.setFont(current ? bold_ : font_);
  const double span = std::abs(x1 - x0) + fr_.col_w * 0.9;
  const double mid = (x0 + x1) / 2;
  const double h = QFontMetricsF(p.font()).height();
  boxed_text(p, QRectF(mid - span / 2, y - width - h, span, h), Qt::AlignHCenter | Qt::AlignBottom,
             label, c, current ? 255 : 215);
}

void SequencePainter::paint_mark(QPainter& p, const SeqRow& row, const QString& label, double y,
                                 const QColor& c) const {
  const double x = fr_.lane_x[row.from];
  const double r = std::clamp(fr_.row_h * 0.16, 3.5, 6.0);
  p.setPen(Qt::NoPen);
  p.setBrush(c);
  switch (row.kind) {
    case SeqRow::Kind::Alt: {  // a diamond: the choice point of an alt
      QPolygonF d({QPointF(x, y - r * 1.6), QPointF(x + r * 1.6, y), QPointF(x, y + r * 1.6),
                   QPointF(x - r * 1.6, y)});
      p.drawPolygon(d);
      break;
    }
    case SeqRow::Kind::Wait: break;  // the bar is the mark
    case SeqRow::Kind::Exit: break;  // the lifeline's end bar is the mark
    default: p.drawEllipse(QPointF(x, y), r, r);
  }
  p.setBrush(Qt::NoBrush);
  QFont f = row.kind == SeqRow::Kind::Note ? font_ : small_;
  f.setItalic(row.kind == SeqRow::Kind::Note);
  p.setFont(f);
  const QString text = row.kind == SeqRow::Kind::Note ? QStringLiteral("“%1”").arg(label) : label;
  // Marks read to the right of their lifeline, over up to three columns (a row has one event,
  // so nothing else is written there); the last lifeline's read to its left when the right
  // edge would cut them.
  const double w = std::max(fr_.col_w * 3, 220.0);
  const double need = QFontMetricsF(f).horizontalAdvance(text) + 4;
  if (x + 12 + std::min(w, need) > fr_.width - 4 && x - 12 - need > fr_.width / 2)
    boxed_text(p, QRectF(x - 12 - need, y - fr_.row_h / 2, need, fr_.row_h),
               Qt::AlignRight | Qt::AlignVCenter, text, c);
  else
    boxed_text(p, QRectF(x + 12, y - fr_.row_h / 2, std::min(w, fr_.width - x - 14), fr_.row_h),
               Qt::AlignLeft | Qt::AlignVCenter, text, c);
}

void SequencePainter::paint_header(QPainter& p) const {
  const double h = fr_.top - 8;
  p.fillRect(QRectF(0, 0, fr_.width, fr_.top - 4), theme_.background);
  for (size_t l = 0; l < layout_.lifelines().size(); ++l) {
    if (!fr_.shown(uint32_t(l))) continue;
    const SeqLifeline& line = layout_.lifelines()[l];
    const bool channel = line.kind == SeqLifeline::Kind::Channel;
    const QString name = QString::fromStdString(line.name);
    // A long name takes the smaller type before it is shortened.
    const bool fits = QFontMetricsF(bold_).horizontalAdvance(name) + 12 <= fr_.col_w - 8;
    QFont f = fits ? bold_ : small_;
    f.setBold(true);
    p.setFont(f);
    const QFontMetricsF fm(f);
    const double w = std::min(fr_.col_w - 8, fm.horizontalAdvance(name) + 16);
    const QRectF box(fr_.lane_x[l] - w / 2, 4, w, h - 4);
    p.setPen(QPen(line.stuck ? theme_.problem : theme_.text_dim, line.stuck ? 2.5 : 1.2));
    p.setBrush(channel ? theme_.background : theme_.group_background);
    p.drawRoundedRect(box, channel ? 10 : 3, channel ? 10 : 3);
    p.setBrush(Qt::NoBrush);
    p.setPen(line.stuck ? theme_.problem : theme_.text);
    p.drawText(box, Qt::AlignCenter, fm.elidedText(name, Qt::ElideMiddle, box.width() - 6));
  }
}

void SequencePainter::paint_cycle(QPainter& p) const {
  if (layout_.cycle().empty()) return;
  // Below the stuck lifelines' crosses, one row per edge; "wait-for" in the gutter.
  const double top = fr_.bottom + std::max(8.0, fr_.row_h * 0.3) * 2;
  const bool windowed =
      fr_.first_row > 0 || fr_.end_row < fr_.total_rows;  // the note's line is below
  const double row = std::max(
      12.0, (fr_.height - top - 4 - (windowed ? fr_.row_h : 0)) / double(layout_.cycle().size()));
  double y = top + row / 2;
  QFont label = small_;
  label.setPixelSize(
      std::min(small_.pixelSize(), int(fr_.gutter / 5)));  // "wait-for" fits the gutter
  p.setFont(label);
  p.setPen(theme_.problem);
  p.drawText(QRectF(2, top, fr_.gutter - 2, row * 2), Qt::AlignLeft | Qt::AlignTop,
             QStringLiteral("wait-for\ncycle"));
  for (const SeqCycleEdge& e : layout_.cycle()) {
    if (fr_.shown(e.waiter) && fr_.shown(e.releaser) && e.waiter != e.releaser) {
      const double x0 = fr_.lane_x[e.waiter], x1 = fr_.lane_x[e.releaser];
      const double dir = x1 >= x0 ? 1 : -1;
      p.setPen(QPen(theme_.problem, 2, Qt::DashLine));
      p.drawLine(QPointF(x0, y), QPointF(x1 - dir * 10, y));
      arrow_head(p, QPointF(x1, y), dir, 10, theme_.problem);
      p.setFont(small_);
      const double span = std::abs(x1 - x0) + fr_.col_w * 0.8;
      boxed_text(p, QRectF((x0 + x1) / 2 - span / 2, y - row / 2, span, row / 2),
                 Qt::AlignHCenter | Qt::AlignBottom, QString::fromStdString(e.label),
                 theme_.problem);
    }
    y += row;
  }
}

void SequencePainter::paint_notes(QPainter& p) const {
  // A window of a longer chart says which part it is, so nobody takes it for the whole run.
  QStringList notes;
  if (fr_.first_row > 0 || fr_.end_row < fr_.total_rows)
    notes << QStringLiteral("rows %1–%2 of %3")
                 .arg(fr_.first_row + 1)
                 .arg(fr_.end_row)
                 .arg(fr_.total_rows);
  if (fr_.hidden_lanes > 0)
    notes << QStringLiteral("%1 lifelines not in this part").arg(fr_.hidden_lanes);
  if (notes.isEmpty()) return;
  p.setFont(small_);
  boxed_text(
      p,
      QRectF(fr_.width / 3, fr_.height - fr_.row_h * 0.8, fr_.width * 2 / 3 - 8, fr_.row_h * 0.8),
      Qt::AlignRight | Qt::AlignVCenter, notes.join(QStringLiteral(" · ")), theme_.text_dim);
}

}  // namespace cspview
