#include "event_marker.hpp"

#include "event_tone.hpp"

#include <algorithm>
#include <cmath>

namespace cspview {

using csptrace::EventKind;

void draw_arrow_head(QPainter& p, QPointF from, QPointF tip, double size) {
  const double angle = std::atan2(tip.y() - from.y(), tip.x() - from.x());
  QPolygonF head;
  head << tip << tip - QPointF(size * std::cos(angle - 0.45), size * std::sin(angle - 0.45))
       << tip - QPointF(size * std::cos(angle + 0.45), size * std::sin(angle + 0.45));
  p.save();
  p.setBrush(p.pen().color());
  p.setPen(Qt::NoPen);
  p.drawPolygon(head);
  p.restore();
}

void draw_event_marker(QPainter& p, const csptrace::TraceModel& m, const Theme& theme, size_t e,
                       double x, int top, int h, bool selected) {
  const double cy = top + h / 2.0;
  const double r = std::max(3.0, h * 0.22);
  p.setPen(QPen(theme.marker, 1.2));
  p.setBrush(Qt::NoBrush);
  switch (m.kind(e)) {
    case EventKind::Transfer:
      p.setBrush(theme.arrow);
      p.drawEllipse(QPointF(x, cy), r, r);
      break;
    case EventKind::BufPut:
    case EventKind::BufTake: {
      // A step up or down: the buffer fill changed.
      const bool up = m.kind(e) == EventKind::BufPut;
      p.setBrush(theme.state_colour(up ? StateColour::ParkedPut : StateColour::ParkedTake));
      QPolygonF tri;
      tri << QPointF(x - r, up ? cy + r : cy - r) << QPointF(x + r, up ? cy + r : cy - r)
          << QPointF(x, up ? cy - r : cy + r);
      p.drawPolygon(tri);
      break;
    }
    case EventKind::BufDrop:
      p.setPen(QPen(tone_of(m, e) == Tone::Problem ? theme.problem : theme.notice, 2));
      p.drawLine(QPointF(x - r, cy - r), QPointF(x + r, cy + r));
      p.drawLine(QPointF(x - r, cy + r), QPointF(x + r, cy - r));
      break;
    case EventKind::ChanClose:
      p.setPen(QPen(theme.text, 3));
      p.drawLine(QPointF(x, top), QPointF(x, top + h));
      break;
    case EventKind::TimerArm:
    case EventKind::TimerFire: {
      p.setBrush(m.kind(e) == EventKind::TimerFire ? theme.state_colour(StateColour::Sleeping)
                                                   : Qt::NoBrush);
      p.drawEllipse(QPointF(x, cy), r + 1, r + 1);
      p.drawLine(QPointF(x, cy), QPointF(x, cy - r));
      p.drawLine(QPointF(x, cy), QPointF(x + r * 0.7, cy));
      break;
    }
    case EventKind::AltChoice: {
      p.setBrush(theme.state_colour(StateColour::ParkedAlt));
      QPolygonF d;
      d << QPointF(x, cy - r - 2) << QPointF(x + r + 2, cy) << QPointF(x, cy + r + 2)
        << QPointF(x - r - 2, cy);
      p.drawPolygon(d);
      break;
    }
    case EventKind::Refused:
      // Red only for a lost value (a put on a closed channel); a take meeting a closed,
      // drained channel is how channels normally end.
      p.setPen(QPen(tone_of(m, e) == Tone::Problem ? theme.problem : theme.marker, 1.5));
      p.drawEllipse(QPointF(x, cy), r, r);
      p.drawLine(QPointF(x - r * 0.7, cy + r * 0.7), QPointF(x + r * 0.7, cy - r * 0.7));
      break;
    case EventKind::Exit:
      if (m.event(e).status == csptrace::ExitStatus::Error) {
        p.setPen(QPen(theme.problem, 2.5));
        p.drawLine(QPointF(x - r, cy - r), QPointF(x + r, cy + r));
        p.drawLine(QPointF(x - r, cy + r), QPointF(x + r, cy - r));
      } else {
        p.setPen(QPen(theme.text, 2));
        p.drawLine(QPointF(x, top + 2), QPointF(x, top + h - 2));
      }
      break;
    case EventKind::Spawn: {
      p.setBrush(theme.state_colour(StateColour::Running));
      QPolygonF tri;
      tri << QPointF(x, cy - r) << QPointF(x + r * 1.4, cy) << QPointF(x, cy + r);
      p.drawPolygon(tri);
      break;
    }
    case EventKind::Mark:
    case EventKind::Stuck:
    case EventKind::Deadlock: break;  // drawn as overlays across the lanes
    default:
      p.setPen(QPen(theme.text_dim, 1));
      p.drawLine(QPointF(x, cy - r * 0.6), QPointF(x, cy + r * 0.6));
      break;
  }
  if (selected) {
    p.setPen(QPen(theme.selection, 2.5));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(QPointF(x, cy), r + 4, r + 4);
  }
}

}  // namespace cspview
