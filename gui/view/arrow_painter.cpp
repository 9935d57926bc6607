#include "arrow_painter.hpp"

#include "event_marker.hpp"
#include "lane_index.hpp"

#include <algorithm>

namespace cspview {

using csptrace::EventKind;

std::optional<RendezvousArrow> ArrowPainter::arrow(size_t e) const {
  const auto& m = s_.doc->model();
  if (e >= m.size()) return std::nullopt;
  const double x = s_.x_of(double(m.time(e)));
  RendezvousArrow a;
  a.event = e;
  if (m.kind(e) == EventKind::BufPut) {
    // A value put into a buffer: putter to channel, dashed (the taker gets it later).
    std::optional<LaneRow> from = s_.layout->process_row(m.proc_index(e));
    std::optional<LaneRow> crow = s_.layout->channel_row(m.chan_index(e));
    if (!from || !crow) return std::nullopt;
    const double y0 = s_.row_centre(*from), yc = s_.row_centre(*crow);
    const double y1 = yc + (yc > y0 ? -8 : 8);
    a.path = QPainterPath(QPointF(x, y0));
    a.head_from = QPointF(x - 14, (y0 + y1) / 2.0);
    a.path.quadTo(a.head_from, QPointF(x, y1));
    a.tip = QPointF(x, y1);
    a.buffered = true;
    return a;
  }
  if (m.kind(e) != EventKind::Transfer) return std::nullopt;
  std::optional<LaneRow> crow = s_.layout->channel_row(m.chan_index(e));
  std::optional<LaneRow> from = s_.layout->process_row(m.from_index(e));
  std::optional<LaneRow> to = s_.layout->process_row(m.to_index(e));
  a.buffered = m.event(e).via == csptrace::Via::Buffer;
  if (!to) return std::nullopt;
  const double yc = crow ? s_.row_centre(*crow) : 0;
  // Sender to channel bows left, channel to receiver bows right: the direction reads even
  // when the three lanes are in any order.
  const double y0 = crow ? yc : (from ? s_.row_centre(*from) : s_.row_centre(*to));
  if (from && crow && !a.buffered) {
    a.path = QPainterPath(QPointF(x, s_.row_centre(*from)));
    a.path.quadTo(QPointF(x - 14, (s_.row_centre(*from) + yc) / 2.0), QPointF(x, yc));
  } else {
    a.path = QPainterPath(QPointF(x, y0));
  }
  const double y1 = s_.row_centre(*to) + (s_.row_centre(*to) > y0 ? -6 : 6);
  a.head_from = QPointF(x + 14, (y0 + y1) / 2.0);
  a.path.quadTo(a.head_from, QPointF(x, y1));
  a.tip = QPointF(x, y1);
  return a;
}

std::vector<RendezvousArrow> ArrowPainter::visible() const {
  std::vector<RendezvousArrow> out;
  const auto& m = s_.doc->model();
  const double t0 = s_.scale.t_of(-20), t1 = s_.scale.t_of(s_.scale.width_px + 20);
  auto transfers = LaneIndex::visible(m, s_.doc->lanes().transfers_by_time(), t0, t1);
  // More arrows than fit side by side would be a grey wall; the folded channel marks carry the
  // count instead.
  if (double(transfers.size()) > s_.scale.width_px / 4.0) return out;
  auto puts = LaneIndex::visible(m, s_.doc->lanes().buffer_puts_by_time(), t0, t1);
  if (double(puts.size()) <= s_.scale.width_px / 4.0)
    for (uint32_t e : puts)
      if (auto a = arrow(e)) out.push_back(std::move(*a));
  for (uint32_t e : transfers)
    if (auto a = arrow(e)) out.push_back(std::move(*a));
  return out;
}

void ArrowPainter::paint(QPainter& p) const {
  const double head = 9 * s_.theme.font_scale;
  p.setBrush(Qt::NoBrush);
  for (const RendezvousArrow& a : visible()) {
    p.setPen(QPen(a.buffered ? s_.theme.arrow_buffered : s_.theme.arrow, 1.6 * s_.theme.font_scale,
                  a.buffered ? Qt::DashLine : Qt::SolidLine));
    p.drawPath(a.path);
    draw_arrow_head(p, a.head_from, a.tip, head);
  }
}

void ArrowPainter::paint_focus(QPainter& p) const {
  if (!s_.story.focus) return;
  const auto a = arrow(*s_.story.focus);
  if (!a) return;
  const double scale = s_.theme.font_scale;
  // A halo in the background colour first, so the arrow stands out from what it crosses.
  p.setBrush(Qt::NoBrush);
  p.setPen(QPen(s_.theme.background, 7 * scale, Qt::SolidLine, Qt::RoundCap));
  p.drawPath(a->path);
  p.setPen(QPen(s_.theme.story, 3.6 * scale, Qt::SolidLine, Qt::RoundCap));
  p.drawPath(a->path);
  draw_arrow_head(p, a->head_from, a->tip, 14 * scale);
  const auto& m = s_.doc->model();
  if (const std::optional<LaneRow> crow = s_.layout->channel_row(m.chan_index(a->event))) {
    p.setBrush(s_.theme.story);
    p.setPen(QPen(s_.theme.background, 1.5));
    p.drawEllipse(QPointF(a->tip.x(), s_.row_centre(*crow)), 6 * scale, 6 * scale);
  }
  if (s_.story.label.empty()) return;
  // The label beside the curve's middle, on whichever side has room; when neither has, above
  // or below the curve. Never over the arrow itself, always inside the lanes.
  const QFont f = s_.theme.font(s_.font, 1.05, true);
  const QFontMetrics fm(f);
  const QString text = QString::fromStdString(s_.story.label);
  const QRectF lanes = s_.lanes_rect();
  const double w = std::min<double>(fm.horizontalAdvance(text) + 20, lanes.width() - 8);
  const double h = fm.height() + 6;
  const QRectF bounds = a->path.boundingRect().adjusted(-4, -4, 4, 4);
  const double mid_y =
      std::clamp(bounds.center().y() - h / 2, lanes.top() + 2, lanes.bottom() - h - 2);
  QRectF box;
  if (bounds.right() + 8 + w <= lanes.right() - 2) {
    box = QRectF(bounds.right() + 8, mid_y, w, h);
  } else if (bounds.left() - 8 - w >= lanes.left() + 2) {
    box = QRectF(bounds.left() - 8 - w, mid_y, w, h);
  } else {
    const double x =
        std::clamp(bounds.center().x() - w / 2, lanes.left() + 2, lanes.right() - w - 2);
    const double y = bounds.top() - h - 2 >= lanes.top() + 2
                         ? bounds.top() - h - 2
                         : std::min(bounds.bottom() + 2, lanes.bottom() - h - 2);
    box = QRectF(x, y, w, h);
  }
  p.setPen(Qt::NoPen);
  p.setBrush(s_.theme.story);
  p.drawRoundedRect(box, 5, 5);
  p.setFont(f);
  p.setPen(Qt::white);
  p.drawText(box.adjusted(7, 0, -7, 0), Qt::AlignVCenter | Qt::AlignLeft,
             fm.elidedText(text, Qt::ElideMiddle, int(box.width() - 12)));
}

}  // namespace cspview
