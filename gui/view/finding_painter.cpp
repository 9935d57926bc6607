#include "finding_painter.hpp"

#include "event_marker.hpp"
#include "label_fit.hpp"

#include <QPainterPath>

#include <algorithm>

namespace cspview {

CycleStrip FindingPainter::strip(const TimelineScene& s) {
  if (!s.overlay || s.overlay->cycle.empty() || s.strip_width <= 0 || !s.layout) return {};
  return CycleStrip(s.overlay->cycle, *s.layout, s.lanes_right(), s.strip_width,
                    s.lanes_top() - s.scroll_y);
}

void FindingPainter::paint_lanes(QPainter& p) const {
  paint_stuck(p);
  paint_causes(p);
}

void FindingPainter::paint_stuck(QPainter& p) const {
  // A wait that never ends: red hatching from where it began to the right edge (it goes on
  // forever), and what it waits on, in words, where it can be read: the source path is given
  // up before the channel's name (fit_label).
  const QFont f = s_.theme.font(s_.font, 0.95, true);
  const QFontMetrics fm(f);
  const TextWidth width = [&fm](const std::string& t) {
    return double(fm.horizontalAdvance(QString::fromStdString(t)));
  };
  p.setFont(f);
  const double right = s_.lanes_right();
  for (const StuckWait& w : s_.doc->stuck()) {
    std::optional<LaneRow> row = s_.layout->process_row(w.proc);
    if (!row) continue;
    const int top = s_.row_top(*row);
    const double x0 = std::max(s_.x_of(double(w.since)), double(s_.label_width()));
    if (x0 >= right) continue;
    QRectF r(x0, top + 2, right - x0, row->height - 4);
    p.fillRect(r, QBrush(s_.theme.problem, Qt::BDiagPattern));
    p.setPen(QPen(s_.theme.problem, 2));
    p.setBrush(Qt::NoBrush);
    p.drawLine(r.topLeft(), r.topRight());
    p.drawLine(r.bottomLeft(), r.bottomRight());
    // The label starts just after the wait began; when that leaves too little room it moves
    // left (over the lane's earlier, unhatched part), never out of the lanes.
    const double room = right - s_.label_width() - 16;
    const std::string text = fit_label(w.what, w.where, room, width);
    if (text.empty()) continue;
    const double tw = width(text) + 10;
    const QRectF box(std::max(std::min(x0 + 6, right - tw - 4), double(s_.label_width()) + 4),
                     top + (row->height - fm.height()) / 2.0 - 1, tw, fm.height() + 2);
    p.fillRect(box, s_.theme.background);
    p.setPen(s_.theme.problem);
    p.drawText(box, Qt::AlignCenter, QString::fromStdString(text));
  }
}

void FindingPainter::paint_causes(QPainter& p) const {
  if (!s_.overlay) return;
  const auto& m = s_.doc->model();
  const QFont f = s_.theme.font(s_.font, 0.8, true);
  const QFontMetrics fm(f);
  for (size_t e : s_.overlay->causes) {
    if (e >= m.size()) continue;
    const uint32_t proc = m.proc_index(e) != csptrace::kNone ? m.proc_index(e) : m.from_index(e);
    std::optional<LaneRow> row =
        proc != csptrace::kNone ? s_.layout->process_row(proc) : std::nullopt;
    if (!row && m.chan_index(e) != csptrace::kNone) row = s_.layout->channel_row(m.chan_index(e));
    if (!row) continue;
    const double x = s_.x_of(double(m.time(e)));
    const double cy = s_.row_centre(*row);
    const double r = std::max(7.0, row->height * 0.38);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(s_.theme.problem, 2.5 * s_.theme.font_scale));
    p.drawEllipse(QPointF(x, cy), r, r);
    const QString tag = QStringLiteral("cause");
    const QRectF box(x - fm.horizontalAdvance(tag) / 2.0 - 4, s_.row_top(*row) - fm.height() + 4,
                     fm.horizontalAdvance(tag) + 8, fm.height());
    p.setPen(Qt::NoPen);
    p.setBrush(s_.theme.problem);
    p.drawRoundedRect(box, 3, 3);
    p.setFont(f);
    p.setPen(Qt::white);
    p.drawText(box, Qt::AlignCenter, tag);
  }
}

void FindingPainter::paint_cycle_strip(QPainter& p) const {
  const CycleStrip cs = strip(s_);
  if (cs.width() <= 0) return;
  const QRectF area = s_.strip_rect();
  QColor bg = s_.theme.problem;
  bg.setAlpha(s_.theme.dark ? 40 : 18);
  p.fillRect(area, bg);  // a tint: the lane stripes still show which row is which
  p.setPen(QPen(s_.theme.problem, 1));
  p.drawLine(area.topLeft(), area.bottomLeft());
  p.save();
  p.setClipRect(area);
  // The caption on the Processes title row says what the arrows are.
  if (const LaneRow title = s_.layout->row(0); title.kind == RowKind::ProcessGroup) {
    const QFont f = s_.theme.font(s_.font, 0.9, true);
    p.setFont(f);
    p.setPen(s_.theme.problem);
    p.drawText(QRectF(area.left() + 4, s_.row_top(title), area.width() - 6, title.height),
               Qt::AlignVCenter | Qt::AlignLeft,
               QFontMetrics(f).elidedText(QStringLiteral("wait-for cycle"), Qt::ElideRight,
                                          int(area.width() - 6)));
  }
  const double scale = s_.theme.font_scale;
  const double head = 15 * scale;
  for (const CycleColumn& c : cs.columns()) {
    QPainterPath path(QPointF(c.x, c.y_waiter));
    const double yr = c.y_releaser;
    QPointF last_ctrl(c.x + 18, (c.y_waiter + yr) / 2);
    if (c.y_chan) {
      const double yc = *c.y_chan;
      path.quadTo(QPointF(c.x - 18, (c.y_waiter + yc) / 2), QPointF(c.x, yc));
      last_ctrl = QPointF(c.x + 18, (yc + yr) / 2);
      path.quadTo(last_ctrl, QPointF(c.x, yr + (yr > yc ? -9 : 9)));
    } else {
      path.quadTo(last_ctrl, QPointF(c.x, yr + (yr > c.y_waiter ? -9 : 9)));
    }
    // Thick enough to read from the back of a room, with a white edge so crossings stay clear.
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(s_.theme.background, 7 * scale, Qt::SolidLine, Qt::RoundCap));
    p.drawPath(path);
    p.setPen(QPen(s_.theme.problem, 3.5 * scale, Qt::SolidLine, Qt::RoundCap));
    p.drawPath(path);
    draw_arrow_head(p, last_ctrl, path.currentPosition(), head);
    // The tail: a dot on the waiter's row; the channel: a ring.
    p.setPen(Qt::NoPen);
    p.setBrush(s_.theme.problem);
    p.drawEllipse(QPointF(c.x, c.y_waiter), 4.5 * scale, 4.5 * scale);
    if (c.y_chan) {
      p.setBrush(s_.theme.background);
      p.setPen(QPen(s_.theme.problem, 2.5 * scale));
      p.drawEllipse(QPointF(c.x, *c.y_chan), 5.5 * scale, 5.5 * scale);
    }
  }
  p.restore();
}

}  // namespace cspview
