#include "toolbar_icons.hpp"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace cspview {

namespace {

// Draws the glyph in a 64 x 64 box.
void draw(QPainter& p, ToolIcon which, const QColor& c, const QColor& accent) {
  p.setPen(Qt::NoPen);
  p.setBrush(c);
  auto tri = [&p](double x, double dir) {  // a triangle 22 wide pointing along dir (+1 right)
    QPolygonF t;
    if (dir > 0)
      t << QPointF(x, 14) << QPointF(x + 22, 32) << QPointF(x, 50);
    else
      t << QPointF(x + 22, 14) << QPointF(x, 32) << QPointF(x + 22, 50);
    p.drawPolygon(t);
  };
  auto bar = [&p](double x) { p.drawRect(QRectF(x, 14, 7, 36)); };
  auto hook = [&p, &c](bool back) {  // ↶ / ↷: a half circle ending in a head
    QPainterPath path;
    const QRectF arc(14, 16, 36, 34);
    path.arcMoveTo(arc, back ? 0 : 180);
    path.arcTo(arc, back ? 0 : 180, back ? 180 : -180);
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(c, 7, Qt::SolidLine, Qt::FlatCap));
    p.drawPath(path);
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    const double x = back ? 14 : 50;
    QPolygonF head;
    head << QPointF(x - 11, 30) << QPointF(x + 11, 30) << QPointF(x, 46);
    p.drawPolygon(head);
  };
  switch (which) {
    case ToolIcon::Open: {
      p.setBrush(Qt::NoBrush);
      p.setPen(QPen(c, 5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
      QPolygonF folder;
      folder << QPointF(8, 16) << QPointF(26, 16) << QPointF(32, 22) << QPointF(56, 22)
             << QPointF(56, 50) << QPointF(8, 50);
      p.drawPolygon(folder);
      break;
    }
    case ToolIcon::ToStart:
      bar(12);
      tri(22, -1);
      tri(38, -1);
      break;
    case ToolIcon::PrevRendezvous:
      tri(8, -1);
      tri(30, -1);
      p.setBrush(accent);
      p.drawEllipse(QPointF(56, 32), 6, 6);
      break;
    case ToolIcon::PrevEvent: tri(20, -1); break;
    case ToolIcon::Play: {
      QPolygonF t;
      t << QPointF(18, 10) << QPointF(52, 32) << QPointF(18, 54);
      p.drawPolygon(t);
      break;
    }
    case ToolIcon::Pause:
      p.drawRect(QRectF(16, 12, 11, 40));
      p.drawRect(QRectF(37, 12, 11, 40));
      break;
    case ToolIcon::NextEvent: tri(22, 1); break;
    case ToolIcon::NextRendezvous:
      p.setBrush(accent);
      p.drawEllipse(QPointF(8, 32), 6, 6);
      p.setBrush(c);
      tri(12, 1);
      tri(34, 1);
      break;
    case ToolIcon::ToEnd:
      tri(4, 1);
      tri(20, 1);
      bar(45);
      break;
    case ToolIcon::ViewBack: hook(true); break;
    case ToolIcon::ViewForward: hook(false); break;
    case ToolIcon::Fit: {
      p.setBrush(Qt::NoBrush);
      p.setPen(QPen(c, 5, Qt::SolidLine, Qt::SquareCap));
      p.drawLine(QPointF(8, 16), QPointF(8, 48));
      p.drawLine(QPointF(56, 16), QPointF(56, 48));
      p.drawLine(QPointF(16, 32), QPointF(48, 32));
      p.setPen(Qt::NoPen);
      p.setBrush(c);
      p.drawPolygon(QPolygonF() << QPointF(14, 32) << QPointF(26, 22) << QPointF(26, 42));
      p.drawPolygon(QPolygonF() << QPointF(50, 32) << QPointF(38, 22) << QPointF(38, 42));
      break;
    }
    case ToolIcon::NextFinding: {
      p.setBrush(accent);
      p.drawEllipse(QPointF(32, 32), 24, 24);
      p.setBrush(Qt::white);
      p.drawRect(QRectF(28, 16, 8, 22));
      p.drawEllipse(QPointF(32, 46), 4.5, 4.5);
      break;
    }
    case ToolIcon::Follow: {
      p.setBrush(Qt::NoBrush);
      p.setPen(QPen(c, 5));
      p.drawEllipse(QPointF(32, 32), 18, 18);
      p.setPen(Qt::NoPen);
      p.setBrush(accent);
      p.drawEllipse(QPointF(32, 32), 7, 7);
      p.setBrush(c);
      for (const QRectF& r : {QRectF(29, 2, 6, 12), QRectF(29, 50, 6, 12), QRectF(2, 29, 12, 6),
                              QRectF(50, 29, 12, 6)})
        p.drawRect(r);
      break;
    }
  }
}

QPixmap render(ToolIcon which, const QColor& c, const QColor& accent) {
  QPixmap pm(64, 64);
  pm.fill(Qt::transparent);
  QPainter p(&pm);
  p.setRenderHint(QPainter::Antialiasing, true);
  draw(p, which, c, accent);
  return pm;
}

}  // namespace

QIcon toolbar_icon(ToolIcon which, const Theme& theme) {
  const QColor accent = which == ToolIcon::NextFinding ? theme.problem : theme.story;
  QIcon icon;
  icon.addPixmap(render(which, theme.window_text, accent), QIcon::Normal);
  QColor dim = theme.window_text;
  dim.setAlphaF(0.35);
  QColor dim_accent = accent;
  dim_accent.setAlphaF(0.35);
  icon.addPixmap(render(which, dim, dim_accent), QIcon::Disabled);
  return icon;
}

}  // namespace cspview
