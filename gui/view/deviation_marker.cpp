#include "deviation_marker.hpp"

#include <algorithm>

namespace cspview {

QRectF deviation_badge(double x, int top, int h) {
  const double side = std::max(11.0, h * 0.6);
  const double w = side * 1.3;
  return QRectF(x - w / 2, top + (h - side) / 2.0, w, side);
}

void draw_deviation_marker(QPainter& p, const Theme& theme, const QRectF& badge, bool selected) {
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  p.setPen(QPen(theme.background, 1.5));
  p.setBrush(theme.deviation);
  p.drawRoundedRect(badge, badge.height() * 0.22, badge.height() * 0.22);
  // "»": two chevrons pointing ahead, drawn as strokes so they do not depend on a font.
  const double h = badge.height(), cy = badge.center().y();
  const double arm = h * 0.26, step = h * 0.3;
  QPen glyph(theme.on_deviation, std::max(1.6, h * 0.13));
  glyph.setCapStyle(Qt::RoundCap);
  glyph.setJoinStyle(Qt::RoundJoin);
  p.setPen(glyph);
  p.setBrush(Qt::NoBrush);
  for (double dx : {-step / 2, step / 2}) {
    const double tip = badge.center().x() + dx + arm / 2;
    const QPointF pts[] = {{tip - arm, cy - arm}, {tip, cy}, {tip - arm, cy + arm}};
    p.drawPolyline(pts, 3);
  }
  if (selected) {
    p.setPen(QPen(theme.selection, 2.5));
    p.drawRoundedRect(badge.adjusted(-4, -4, 4, 4), h * 0.3, h * 0.3);
  }
  p.restore();
}

}  // namespace cspview
