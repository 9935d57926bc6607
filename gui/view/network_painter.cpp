#include "network_painter.hpp"

#include "channel_badge.hpp"
#include "process_state_colour.hpp"

#include <QFontMetricsF>
#include <QPainterPath>

#include <cmath>
#include <set>

namespace cspview {

using csptrace::kNone;

namespace {

// A curve of the layout in frame pixels: its points 0, 3, 6, ... lie on it, the others steer.
QPainterPath curve_path(const NetworkScene& s, const std::vector<LaidPoint>& c) {
  QPainterPath path;
  if (c.empty()) return path;
  path.moveTo(s.map(c[0].x, c[0].y));
  for (size_t k = 1; k + 2 < c.size(); k += 3)
    path.cubicTo(s.map(c[k].x, c[k].y), s.map(c[k + 1].x, c[k + 1].y),
                 s.map(c[k + 2].x, c[k + 2].y));
  return path;
}

void arrow_head(QPainter& p, const QPainterPath& path, double size) {
  if (path.elementCount() < 2) return;
  const QPointF tip = path.pointAtPercent(1.0),
                back = path.pointAtPercent(std::max(0.0, 1.0 - 6.0 / std::max(path.length(), 6.0)));
  const double a = std::atan2(tip.y() - back.y(), tip.x() - back.x());
  QPolygonF head;
  head << tip << tip - QPointF(std::cos(a - 0.45), std::sin(a - 0.45)) * size
       << tip - QPointF(std::cos(a + 0.45), std::sin(a + 0.45)) * size;
  p.setPen(Qt::NoPen);
  p.drawPolygon(head);
}

QColor text_on(const QColor& fill) {
  return qGray(fill.rgb()) > 150 ? QColor(Qt::black) : QColor(Qt::white);
}

bool edge_shown(const NetworkScene& s, size_t i) {
  const NetworkEdge& e = s.graph->edges[i];
  const auto pi = std::lower_bound(s.graph->processes.begin(), s.graph->processes.end(), e.proc) -
                  s.graph->processes.begin();
  const auto ci = std::lower_bound(s.graph->channels.begin(), s.graph->channels.end(), e.chan) -
                  s.graph->channels.begin();
  return s.frame->processes[size_t(pi)].shown && s.frame->channels[size_t(ci)].shown;
}

void paint_edges(QPainter& p, const NetworkScene& s) {
  const double z = s.zoom();
  std::set<size_t> red;
  if (s.frame->cycle_formed) red.insert(s.cycle->edges.begin(), s.cycle->edges.end());
  const auto& msg = s.frame->message;
  for (int pass = 0; pass < 3; ++pass) {  // plain wires, then the message's, then the cycle on top
    for (size_t i = 0; i < s.graph->edges.size(); ++i) {
      if (!edge_shown(s, i)) continue;
      const bool on_msg = msg && (msg->in == i || msg->out == i);
      const bool on_cycle = red.count(i) > 0;
      if ((pass == 0) != (!on_msg && !on_cycle) || (pass == 1 && !on_msg) ||
          (pass == 2 && !on_cycle))
        continue;
      const QColor c = pass == 2 ? s.theme.problem : pass == 1 ? s.theme.story : s.theme.arrow;
      const double w = (pass == 0 ? 1.6 : 3.6) * z;
      const QPainterPath path = curve_path(s, s.layout->edges[i]);
      p.setBrush(Qt::NoBrush);
      p.setPen(QPen(c, w, Qt::SolidLine, Qt::RoundCap));
      p.drawPath(path);
      p.setBrush(c);
      arrow_head(p, path, (pass == 0 ? 9.0 : 12.0) * z);
    }
  }
}

void paint_channels(QPainter& p, const NetworkScene& s) {
  const double z = s.zoom();
  for (size_t i = 0; i < s.graph->channels.size(); ++i) {
    const NetworkFrame::Channel& fc = s.frame->channels[i];
    if (!fc.shown) continue;
    const uint32_t c = s.graph->channels[i];
    const QRectF r = s.node_rect(s.layout->channels[i]);
    p.setBrush(s.theme.lane_odd);
    p.setPen(QPen(fc.closed ? s.theme.text_dim : s.theme.text, 1.4 * z,
                  fc.closed ? Qt::DashLine : Qt::SolidLine));
    p.drawRoundedRect(r, 4 * z, 4 * z);
    QFont nf = s.name_font;
    nf.setPointSizeF(nf.pointSizeF() * z * 0.9);
    QFont df = s.detail_font;
    df.setPointSizeF(df.pointSizeF() * z);
    const QRectF top(r.left(), r.top(), r.width(), r.height() / 2),
        bottom(r.left(), r.center().y(), r.width(), r.height() / 2);
    p.setPen(s.theme.text);
    p.setFont(nf);
    p.drawText(top.adjusted(0, 2 * z, 0, 0), Qt::AlignCenter,
               QString::fromStdString(s.doc->channel_label(c)));
    const std::string kind = channel_kind_text(s.doc->model().channels()[c]);
    p.setFont(df);
    p.setPen(s.theme.text_dim);
    const QString line = QString::fromStdString(fc.fill.empty() ? kind : kind + " " + fc.fill);
    p.drawText(bottom.adjusted(0, 0, 0, -2 * z), Qt::AlignCenter, line);
  }
}

void paint_processes(QPainter& p, const NetworkScene& s) {
  const double z = s.zoom();
  for (size_t i = 0; i < s.graph->processes.size(); ++i) {
    const NetworkFrame::Process& fp = s.frame->processes[i];
    if (!fp.shown) continue;
    const uint32_t pi = s.graph->processes[i];
    const QRectF r = s.node_rect(s.layout->processes[i]);
    const auto colour = fp.known ? process_state_colour(fp.state, fp.op) : std::nullopt;
    const QColor fill = colour ? s.theme.state_colour(*colour) : s.theme.lane_even;
    const QString word = colour ? state_colour_name(*colour) : QString();
    p.setBrush(fill);
    p.setPen(fp.stuck ? QPen(s.theme.problem, 4.0 * z) : QPen(s.theme.text, 1.4 * z));
    p.drawRoundedRect(r, 8 * z, 8 * z);
    QFont nf = s.name_font;
    nf.setPointSizeF(nf.pointSizeF() * z);
    QFont df = s.detail_font;
    df.setPointSizeF(df.pointSizeF() * z);
    p.setPen(text_on(fill));
    p.setFont(nf);
    const QRectF top(r.left(), r.top(), r.width(), r.height() * 0.56);
    const QRectF bottom(r.left(), r.top() + r.height() * 0.52, r.width(), r.height() * 0.48);
    p.drawText(top, Qt::AlignHCenter | Qt::AlignBottom,
               QString::fromStdString(s.doc->process_label(pi)));
    if (!word.isEmpty()) {
      p.setFont(df);
      p.drawText(bottom, Qt::AlignHCenter | Qt::AlignTop, word);
    }
  }
}

void paint_message(QPainter& p, const NetworkScene& s) {
  const auto at = message_point(s);
  if (!at) return;
  const double z = s.zoom();
  const double r = 7.0 * z;
  p.setPen(QPen(s.theme.background, 2 * z));
  p.setBrush(s.theme.story);
  p.drawEllipse(*at, r, r);
  const QString value = QString::fromStdString(s.frame->message->value);
  if (value.isEmpty()) return;
  QFont f = s.name_font;
  f.setPointSizeF(f.pointSizeF() * z);
  const QFontMetricsF fm(f);
  // Beside the token, not above it: the token rests between two nodes, and a label above it
  // would cover the channel's name.
  QRectF box(0, 0, fm.horizontalAdvance(value) + 12 * z, fm.height() + 4 * z);
  box.moveCenter(*at + QPointF(r + 6 * z + box.width() / 2, 0));
  if (box.right() > s.size.width()) box.moveCenter(*at - QPointF(r + 6 * z + box.width() / 2, 0));
  p.setPen(QPen(s.theme.story, 2 * z));
  p.setBrush(s.theme.background);
  p.drawRoundedRect(box, 5 * z, 5 * z);
  p.setFont(f);
  p.setPen(s.theme.story);
  p.drawText(box, Qt::AlignCenter, value);
}

void paint_bands(QPainter& p, const NetworkScene& s) {
  const int m = 12;
  p.setFont(s.caption_font);
  p.setPen(s.theme.text);
  const QFontMetrics cfm(s.caption_font);
  p.drawText(QRectF(m, m, s.size.width() - 2 * m, 2 * cfm.height()),
             Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, s.caption);

  // The legend: only the colours on screen now, in the legend's order.
  std::set<int> used;
  for (const auto& fp : s.frame->processes)
    if (fp.shown && fp.known)
      if (auto c = process_state_colour(fp.state, fp.op)) used.insert(int(*c));
  p.setFont(s.caption_font);
  const QFontMetrics fm(s.caption_font);
  const int h = fm.height();
  int x = m;
  const int y = s.size.height() - s.bottom_band() + m;
  for (int c : used) {
    const QString name = state_colour_name(StateColour(c));
    p.setPen(QPen(s.theme.text, 1));
    p.setBrush(s.theme.state[size_t(c)]);
    p.drawRoundedRect(QRectF(x, y + 2, h * 1.4, h - 4), 3, 3);
    x += int(h * 1.4) + 6;
    p.setPen(s.theme.text);
    p.drawText(QRect(x, y, fm.horizontalAdvance(name) + 4, h), Qt::AlignLeft | Qt::AlignVCenter,
               name);
    x += fm.horizontalAdvance(name) + 18;
  }
  // The deadlock's note in red, the others dim, on one line under the legend.
  int nx = m;
  const auto note = [&](const QString& text, const QColor& colour) {
    p.setPen(colour);
    p.drawText(QRect(nx, y + h, s.size.width() - nx - m, h), Qt::AlignLeft | Qt::AlignVCenter,
               text);
    nx += fm.horizontalAdvance(text) + 24;
  };
  if (s.frame->cycle_formed)
    note(QStringLiteral("red: the wait-for cycle of the deadlock"), s.theme.problem);
  if (!s.graph->note.empty()) note(QString::fromStdString(s.graph->note), s.theme.text_dim);
}

}  // namespace

std::optional<QPointF> message_point(const NetworkScene& s) {
  if (!s.frame || !s.frame->message) return std::nullopt;
  const auto& msg = *s.frame->message;
  const auto path_of = [&](std::optional<size_t> e) {
    return e && edge_shown(s, *e) ? curve_path(s, s.layout->edges[*e]) : QPainterPath();
  };
  const QPainterPath in = path_of(msg.in), out = path_of(msg.out);
  const double t = std::clamp(s.progress, 0.0, 1.0);
  if (!in.isEmpty() && !out.isEmpty())
    return t < 0.5 ? in.pointAtPercent(t * 2) : out.pointAtPercent(t * 2 - 1);
  if (!in.isEmpty()) return in.pointAtPercent(t);
  if (!out.isEmpty()) return out.pointAtPercent(t);
  return std::nullopt;
}

void paint_network(QPainter& p, const NetworkScene& s) {
  p.fillRect(QRect(QPoint(0, 0), s.size), s.theme.background);
  if (s.doc && s.graph && s.layout && s.frame) {
    p.setRenderHint(QPainter::Antialiasing);
    paint_edges(p, s);
    paint_channels(p, s);
    paint_processes(p, s);
    paint_message(p, s);
  }
  paint_bands(p, s);
}

}  // namespace cspview
