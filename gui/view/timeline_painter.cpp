#include "timeline_painter.hpp"

#include "event_marker.hpp"
#include "legend.hpp"
#include "span_fold.hpp"

#include <csptrace/event_format.hpp>

#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <utility>

namespace cspview {

using csptrace::EventKind;
using csptrace::kNone;
using csptrace::ProcState;

namespace {

// The legend colour of a process state interval; nullopt before the spawn.
std::optional<StateColour> colour_of(const csptrace::StateInterval& iv) {
  switch (iv.state) {
    case ProcState::NotStarted: return std::nullopt;
    case ProcState::Running: return StateColour::Running;
    case ProcState::Runnable: return StateColour::Runnable;
    case ProcState::Parked:
      return iv.op == csptrace::WaitOp::Put    ? StateColour::ParkedPut
             : iv.op == csptrace::WaitOp::Take ? StateColour::ParkedTake
                                               : StateColour::ParkedAlt;
    case ProcState::Blocked: return StateColour::BlockedThread;
    case ProcState::Sleeping: return StateColour::Sleeping;
    case ProcState::ExitedOk: return StateColour::Exited;
    case ProcState::ExitedError: return StateColour::Error;
  }
  return std::nullopt;
}

}  // namespace

void TimelinePainter::marker(QPainter& p, size_t e, double x, int top, int h) const {
  draw_event_marker(p, s_.doc->model(), s_.theme, e, x, top, h, s_.selected && *s_.selected == e);
}

void TimelinePainter::paint(QPainter& p) const {
  p.fillRect(QRect(QPoint(0, 0), s_.size), s_.theme.background);
  if (!s_.doc || !s_.layout) {
    p.setPen(s_.theme.text_dim);
    p.setFont(s_.theme.font(s_.font, 1.3));
    p.drawText(QRect(QPoint(0, 0), s_.size), Qt::AlignCenter,
               QStringLiteral("Open a trace: File → Open, drop a file here, or run cspview FILE"));
    return;
  }
  p.setRenderHint(QPainter::Antialiasing, true);
  p.save();
  p.setClipRect(QRect(0, s_.lanes_top(), s_.size.width(), s_.lanes_bottom() - s_.lanes_top()));
  paint_rows(p);
  p.setClipRect(s_.lanes_rect());
  paint_marks(p);
  paint_arrows(p);
  paint_overlay(p);
  paint_cursor(p);
  p.restore();
  paint_labels(p);
  paint_axis(p);
  paint_legend(p);
}

void TimelinePainter::paint_rows(QPainter& p) const {
  const auto& rows = s_.layout->rows();
  const int width = s_.size.width();
  int lane_no = 0;
  for (const LaneRow& row : rows) {
    const int top = s_.row_top(row);
    const bool lane = row.kind == RowKind::Process || row.kind == RowKind::Channel;
    if (lane) ++lane_no;
    if (top + row.height < s_.lanes_top() || top > s_.lanes_bottom()) continue;
    QRect r(0, top, width, row.height);
    if (!lane) {
      p.fillRect(r, s_.theme.group_background);
      continue;
    }
    p.fillRect(r, lane_no % 2 ? s_.theme.lane_odd : s_.theme.lane_even);
    p.save();
    p.setClipRect(s_.lanes_rect().intersected(r));
    if (row.kind == RowKind::Process) paint_process_lane(p, row, top);
    else paint_channel_lane(p, row, top);
    p.restore();
  }
  // Vertical grid lines at the axis ticks.
  p.setPen(QPen(s_.theme.grid, 1, Qt::DotLine));
  for (const AxisTick& t : s_.scale.ticks(90 * s_.theme.font_scale)) {
    const double x = s_.label_width() + t.x;
    p.drawLine(QPointF(x, s_.lanes_top()), QPointF(x, s_.lanes_bottom()));
  }
}

void TimelinePainter::paint_process_lane(QPainter& p, const LaneRow& row, int top) const {
  const auto& m = s_.doc->model();
  const int pad = 3, h = row.height - 2 * pad;
  if (!s_.doc->has_analysis()) {
    // Still replaying in the background: the events themselves, until the states are known.
    for (const LaneMark& mark : LaneIndex::fold(m, s_.doc->lanes().process_events(row.index), s_.scale, kFoldPx)) {
      if (mark.count > 1) paint_folded(p, mark, top + pad, h);
      else marker(p, mark.first, s_.label_width() + mark.x0, top + pad, h);
    }
    return;
  }
  const auto& intervals = s_.doc->timeline().intervals(row.index);
  for (const SpanMark& span : fold_spans(intervals, s_.scale, kFoldPx)) {
    const double x0 = s_.label_width() + std::max(span.x0, -2.0);
    const double x1 = s_.label_width() + std::min(span.x1, double(s_.scale.width_px) + 2);
    if (span.count > 1) {
      paint_folded(p, {span.x0, span.x1, 0, span.count}, top + pad, h);
      continue;
    }
    const auto colour = colour_of(intervals[span.first]);
    if (!colour) continue;
    // Exited is a thin line: the process is gone, the lane should look empty.
    if (*colour == StateColour::Exited)
      p.fillRect(QRectF(x0, top + row.height / 2.0 - 1, x1 - x0, 2), s_.theme.state_colour(*colour));
    else
      p.fillRect(QRectF(x0, top + pad, x1 - x0, h), s_.theme.state_colour(*colour));
  }
  // Events that say more than a state change: alt choices, refusals, errors, spawns.
  const auto marks = LaneIndex::fold(m, s_.doc->lanes().process_events(row.index), s_.scale, kFoldPx);
  for (size_t k = 0; k < marks.size(); ++k) {
    const LaneMark& mark = marks[k];
    if (mark.count > 1) continue;  // the folded span already says "busy here"
    switch (m.kind(mark.first)) {
      case EventKind::AltChoice: {
        marker(p, mark.first, s_.label_width() + mark.x0, top + pad, h);
        // Which guard won and why, where there is room before the next mark.
        const double room = (k + 1 < marks.size() ? marks[k + 1].x0 : s_.scale.width_px) - mark.x0;
        const auto e = m.event(mark.first);
        const QString text = e.index < 0 ? QStringLiteral("default")
                                         : QStringLiteral("guard %1 · %2").arg(e.index).arg(
                                               QString::fromUtf8(csptrace::to_string(e.rule).data()));
        const QFont f = s_.theme.font(s_.font, 0.85, true);
        const QFontMetrics fm(f);
        if (fm.horizontalAdvance(text) + 16 < room) {
          p.setFont(f);
          p.setPen(s_.theme.text);
          const QRectF box(s_.label_width() + mark.x0 + 10, top + pad, fm.horizontalAdvance(text) + 6, fm.height());
          p.fillRect(box, s_.theme.background);
          p.drawText(box, Qt::AlignCenter, text);
        }
        break;
      }
      case EventKind::Refused:
      case EventKind::Exit:
      case EventKind::Spawn:
        marker(p, mark.first, s_.label_width() + mark.x0, top + pad, h);
        break;
      default:
        if (s_.selected && *s_.selected == mark.first)
          marker(p, mark.first, s_.label_width() + mark.x0, top + pad, h);
        break;
    }
  }
}

void TimelinePainter::paint_channel_lane(QPainter& p, const LaneRow& row, int top) const {
  const auto& m = s_.doc->model();
  const auto& info = m.channels()[row.index];
  const int pad = 4, h = row.height - 2 * pad;
  // After its close a channel lane is hatched: nothing more can be put into it.
  if (info.close_event != kNone) {
    const double x = s_.x_of(double(m.time(info.close_event)));
    QColor c = s_.theme.text_dim;
    c.setAlpha(70);
    p.fillRect(QRectF(x, top + pad, s_.size.width() - x, h), QBrush(c, Qt::BDiagPattern));
  }
  paint_occupancy(p, row, top + pad, h);
  // The lane's centre line: the channel exists from its make on.
  const double x_make = s_.x_of(double(m.time(info.make_event)));
  p.setPen(QPen(s_.theme.grid, 2));
  p.drawLine(QPointF(x_make, top + row.height / 2.0), QPointF(s_.size.width(), top + row.height / 2.0));
  const auto lane = s_.doc->lanes().channel_events(row.index);
  for (const LaneMark& mark : LaneIndex::fold(m, lane, s_.scale, kFoldPx)) {
    if (mark.count > 1 && !(mark.count <= 4 && mark.x1 - mark.x0 < 1)) {
      paint_folded(p, mark, top + pad, h);
      continue;
    }
    // One event, or a few at the same instant (a buf_take and its transfer): draw each. The
    // lane is sorted by (time, event index): a binary search finds the mark's first event (a
    // linear find from the lane's start cost 16 ms per frame deep inside a 5 M-event trace).
    const auto at = std::lower_bound(lane.begin(), lane.end(), mark.first,
                                     [&m](uint32_t a, uint32_t b) {
                                       return std::pair(m.time(a), a) < std::pair(m.time(b), b);
                                     });
    for (auto it = at; it != lane.end() && it != at + mark.count; ++it)
      marker(p, *it, s_.label_width() + mark.x0, top + pad, h);
  }
}

void TimelinePainter::paint_occupancy(QPainter& p, const LaneRow& row, int top, int h) const {
  // Sampled every 2 px with a binary search each: the cost is the width, not the events. A
  // buffered channel shows its fill (height = level / capacity); any channel shows a band while
  // processes wait on it (orange: putters, blue: takers).
  if (!s_.doc->has_analysis()) return;
  const auto& steps = s_.doc->timeline().occupancy(row.index);
  if (steps.empty()) return;
  const auto& info = s_.doc->model().channels()[row.index];
  const double cap = info.cap > 0 && info.buffer != csptrace::BufferKind::Timer ? info.cap : 0;
  QColor put = s_.theme.state_colour(StateColour::ParkedPut), take = s_.theme.state_colour(StateColour::ParkedTake);
  put.setAlpha(90);
  take.setAlpha(90);
  QColor fill = s_.theme.buffer_fill;
  fill.setAlpha(150);
  const double step_px = 2;
  const int64_t first_t = steps.front().t;
  for (double x = 0; x < s_.scale.width_px; x += step_px) {
    const double t = s_.scale.t_of(x + step_px / 2);
    if (t < double(first_t)) continue;
    const auto& st = steps[s_.doc->timeline().occupancy_at(row.index, int64_t(t))];
    const double sx = s_.label_width() + x;
    if (st.putters > 0) p.fillRect(QRectF(sx, top, step_px, h / 2.0), put);
    if (st.takers > 0) p.fillRect(QRectF(sx, top + h / 2.0, step_px, h / 2.0), take);
    if (cap > 0 && st.level > 0) {
      const double fh = h * std::min(1.0, st.level / cap);
      p.fillRect(QRectF(sx, top + h - fh, step_px, fh), fill);
    }
  }
}

void TimelinePainter::paint_folded(QPainter& p, const LaneMark& mark, int top, int height) const {
  const double x0 = s_.label_width() + mark.x0;
  const double w = std::max(mark.x1 - mark.x0, kFoldPx);
  QRectF r(x0, top + height * 0.2, w, height * 0.6);
  p.fillRect(r, QBrush(s_.theme.folded, Qt::Dense4Pattern));
  p.setPen(QPen(s_.theme.folded, 1));
  p.drawRect(r);
  const QString n = QString::number(mark.count);
  const QFontMetrics fm(p.font());
  if (fm.horizontalAdvance(n) + 6 < w) {
    p.setPen(s_.theme.text);
    p.drawText(r, Qt::AlignCenter, n);
  }
}

void TimelinePainter::paint_arrows(QPainter& p) const {
  const auto& m = s_.doc->model();
  auto vis = LaneIndex::visible(m, s_.doc->lanes().transfers_by_time(), s_.scale.t_of(-20),
                                s_.scale.t_of(s_.scale.width_px + 20));
  // More arrows than fit side by side would be a grey wall; the folded channel marks carry the
  // count instead.
  if (double(vis.size()) > s_.scale.width_px / 4.0) return;
  const double head = 9 * s_.theme.font_scale;
  // A value put into a buffer: putter to channel, dashed (the taker gets it later).
  auto puts = LaneIndex::visible(m, s_.doc->lanes().buffer_puts_by_time(), s_.scale.t_of(-20),
                                 s_.scale.t_of(s_.scale.width_px + 20));
  if (double(puts.size()) <= s_.scale.width_px / 4.0) {
    p.setPen(QPen(s_.theme.arrow_buffered, 1.6 * s_.theme.font_scale, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    for (uint32_t e : puts) {
      const LaneRow* from = s_.layout->process_row(m.proc_index(e));
      const LaneRow* crow = s_.layout->channel_row(m.chan_index(e));
      if (!from || !crow) continue;
      const double x = s_.x_of(double(m.time(e)));
      const double y0 = lane_centre(from), y1 = lane_centre(crow) + (lane_centre(crow) > y0 ? -8 : 8);
      QPainterPath path(QPointF(x, y0));
      const QPointF ctrl(x - 14, (y0 + y1) / 2.0);
      path.quadTo(ctrl, QPointF(x, y1));
      p.drawPath(path);
      draw_arrow_head(p, ctrl, QPointF(x, y1), head);
    }
  }
  for (uint32_t e : vis) {
    const double x = s_.x_of(double(m.time(e)));
    const LaneRow* crow = s_.layout->channel_row(m.chan_index(e));
    const LaneRow* from = s_.layout->process_row(m.from_index(e));
    const LaneRow* to = s_.layout->process_row(m.to_index(e));
    const bool buffered = m.event(e).via == csptrace::Via::Buffer;
    QPen pen(buffered ? s_.theme.arrow_buffered : s_.theme.arrow, 1.6 * s_.theme.font_scale,
             buffered ? Qt::DashLine : Qt::SolidLine);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    const double yc = crow ? lane_centre(crow) : 0;
    // Sender to channel bows left, channel to receiver bows right: the direction reads even
    // when the three lanes are in any order.
    if (from && crow && !buffered) {
      QPainterPath path(QPointF(x, lane_centre(from)));
      path.quadTo(QPointF(x - 14, (lane_centre(from) + yc) / 2.0), QPointF(x, yc));
      p.drawPath(path);
    }
    if (to) {
      const double y0 = crow ? yc : (from ? lane_centre(from) : lane_centre(to));
      const double y1 = lane_centre(to) + (lane_centre(to) > y0 ? -6 : 6);
      QPainterPath path(QPointF(x, y0));
      const QPointF ctrl(x + 14, (y0 + y1) / 2.0);
      path.quadTo(ctrl, QPointF(x, y1));
      p.drawPath(path);
      draw_arrow_head(p, ctrl, QPointF(x, y1), head);
    }
  }
}

void TimelinePainter::paint_marks(QPainter& p) const {
  const auto& m = s_.doc->model();
  auto vis = LaneIndex::visible(m, s_.doc->lanes().marks(), s_.scale.t_of(0), s_.scale.end_ns());
  if (vis.size() > 200) return;
  QColor c = s_.theme.cursor;
  c.setAlpha(160);
  p.setPen(QPen(c, 1.5, Qt::DashLine));
  for (uint32_t e : vis) {
    const double x = s_.x_of(double(m.time(e)));
    p.drawLine(QPointF(x, s_.lanes_top()), QPointF(x, s_.lanes_bottom()));
  }
}

void TimelinePainter::paint_overlay(QPainter& p) const {
  const TimelineOverlay* o = s_.overlay;
  if (!o) return;
  QColor tint = s_.theme.problem;
  tint.setAlpha(38);
  for (const LaneRow& row : s_.layout->rows()) {
    const bool hit = (row.kind == RowKind::Process && o->involves_process(row.index)) ||
                     (row.kind == RowKind::Channel && o->involves_channel(row.index));
    if (hit) p.fillRect(QRect(s_.label_width(), s_.row_top(row), s_.size.width(), row.height), tint);
  }
  paint_stuck(p);
  paint_cycle(p);
}

void TimelinePainter::paint_stuck(QPainter& p) const {
  // A wait that never ends: red hatching from where it began to the right edge (it goes on
  // forever), and what it waits on, in words, where it can be read.
  const QFont f = s_.theme.font(s_.font, 0.95, true);
  const QFontMetrics fm(f);
  p.setFont(f);
  for (const StuckWait& w : s_.doc->stuck()) {
    const LaneRow* row = s_.layout->process_row(w.proc);
    if (!row) continue;
    const int top = s_.row_top(*row);
    const double x0 = std::max(s_.x_of(double(w.since)), double(s_.label_width()));
    const double x1 = s_.size.width();
    if (x0 >= x1) continue;
    QRectF r(x0, top + 2, x1 - x0, row->height - 4);
    p.fillRect(r, QBrush(s_.theme.problem, Qt::BDiagPattern));
    p.setPen(QPen(s_.theme.problem, 2));
    p.setBrush(Qt::NoBrush);
    p.drawLine(r.topLeft(), r.topRight());
    p.drawLine(r.bottomLeft(), r.bottomRight());
    // The label sits just after the wait began and ends before the last event, leaving the
    // space after it to the wait-for cycle; shifted left, or elided, when it does not fit.
    const double label_end = std::max(std::min(s_.x_of(double(s_.doc->t_end())) - 4, x1), x0 + 40);
    const QString text = fm.elidedText(QString::fromStdString(w.text), Qt::ElideMiddle,
                                       int(label_end - s_.label_width() - 14));
    const double tw = fm.horizontalAdvance(text) + 10;
    QRectF box(std::max(std::min(x0 + 6, label_end - tw), double(s_.label_width()) + 4),
               top + (row->height - fm.height()) / 2.0 - 1, tw, fm.height() + 2);
    p.fillRect(box, s_.theme.background);
    p.setPen(s_.theme.problem);
    p.drawText(box, Qt::AlignCenter, text);
  }
}

void TimelinePainter::paint_cycle(QPainter& p) const {
  const TimelineOverlay* o = s_.overlay;
  if (!o || o->cycle.empty()) return;
  // The wait-for cycle near the end of the run, one column per edge: waiter -> channel it waits
  // on -> the process that could release it. Each edge's releaser is the next edge's waiter.
  // In the room fit_all leaves after the last event (nothing else is drawn there but the
  // hatching of the stuck waits), or against the right edge.
  const double gap = 34 * s_.theme.font_scale;
  const double wanted = s_.x_of(double(s_.doc->t_end())) + 24 + gap * double(o->cycle.size() - 1);
  const double right = std::min(wanted, double(s_.size.width()) - 20);
  const double head = 9 * s_.theme.font_scale;
  // A caption over the columns, on the Processes title row, says what the arrows are.
  if (const LaneRow& title = s_.layout->rows().front(); title.kind == RowKind::ProcessGroup) {
    const QFont f = s_.theme.font(s_.font, 0.95, true);
    p.setFont(f);
    p.setPen(s_.theme.problem);
    const QString caption = QStringLiteral("wait-for cycle ↓");
    const double w = QFontMetrics(f).horizontalAdvance(caption);
    const double left = right - gap * double(o->cycle.size() - 1) - 10;
    p.drawText(QRectF(std::min(left, s_.size.width() - w - 6), s_.row_top(title), w + 4, title.height),
               Qt::AlignVCenter | Qt::AlignLeft, caption);
  }
  p.setPen(QPen(s_.theme.problem, 2.5 * s_.theme.font_scale));
  p.setBrush(Qt::NoBrush);
  for (size_t k = 0; k < o->cycle.size(); ++k) {
    const WaitArrow& a = o->cycle[k];
    const LaneRow* w = s_.layout->process_row(a.waiter);
    const LaneRow* r = s_.layout->process_row(a.releaser);
    const LaneRow* c = s_.layout->channel_row(a.chan);
    if (!w || !r) continue;
    const double x = right - double(o->cycle.size() - 1 - k) * gap;
    const double yw = lane_centre(w), yr = lane_centre(r);
    QPainterPath path(QPointF(x, yw));
    QPointF last_ctrl(x + 18, (yw + yr) / 2);
    if (c) {
      const double yc = lane_centre(c);
      path.quadTo(QPointF(x - 18, (yw + yc) / 2), QPointF(x, yc));
      last_ctrl = QPointF(x + 18, (yc + yr) / 2);
      path.quadTo(last_ctrl, QPointF(x, yr + (yr > yc ? -7 : 7)));
      p.setBrush(s_.theme.problem);
      p.drawEllipse(QPointF(x, yc), 4, 4);
      p.setBrush(Qt::NoBrush);
    } else {
      path.quadTo(last_ctrl, QPointF(x, yr + (yr > yw ? -7 : 7)));
    }
    p.drawPath(path);
    draw_arrow_head(p, last_ctrl, path.currentPosition(), head);
  }
}

void TimelinePainter::paint_cursor(QPainter& p) const {
  if (!s_.cursor || *s_.cursor >= s_.doc->model().size()) return;
  const double x = s_.x_of(double(s_.doc->model().time(*s_.cursor)));
  p.setPen(QPen(s_.theme.cursor, 2.5 * s_.theme.font_scale));
  p.drawLine(QPointF(x, s_.lanes_top()), QPointF(x, s_.lanes_bottom()));
}

void TimelinePainter::paint_labels(QPainter& p) const {
  const auto& m = s_.doc->model();
  p.save();
  p.setClipRect(QRect(0, s_.lanes_top(), s_.label_width(), s_.lanes_bottom() - s_.lanes_top()));
  const QFont normal = s_.theme.font(s_.font);
  const QFont bold = s_.theme.font(s_.font, 1.0, true);
  const QFont small = s_.theme.font(s_.font, 0.85);
  for (const LaneRow& row : s_.layout->rows()) {
    const int top = s_.row_top(row);
    if (top + row.height < s_.lanes_top() || top > s_.lanes_bottom()) continue;
    QRect r(8, top, s_.label_width() - 12, row.height);
    if (row.kind == RowKind::ProcessGroup || row.kind == RowKind::ChannelGroup) {
      const bool procs = row.kind == RowKind::ProcessGroup;
      const bool collapsed = procs ? s_.processes_collapsed : s_.channels_collapsed;
      p.setFont(bold);
      p.setPen(s_.theme.text);
      const size_t n = procs ? m.processes().size() : m.channels().size();
      p.drawText(r, Qt::AlignVCenter | Qt::AlignLeft,
                 QStringLiteral("%1 %2 (%3)").arg(collapsed ? QStringLiteral("▸") : QStringLiteral("▾"),
                                                  procs ? QStringLiteral("Processes") : QStringLiteral("Channels"))
                     .arg(n));
      continue;
    }
    const bool process = row.kind == RowKind::Process;
    const bool problem = s_.overlay && (process ? s_.overlay->involves_process(row.index)
                                                : s_.overlay->involves_channel(row.index));
    QString name = QString::fromStdString(process ? s_.doc->process_label(row.index)
                                                  : s_.doc->channel_label(row.index));
    QString detail;
    if (!process) {
      const auto& c = m.channels()[row.index];
      detail = QString::fromUtf8(csptrace::to_string(c.buffer).data());
      if (c.cap > 0) detail += QStringLiteral("(%1)").arg(c.cap);
    } else if (m.processes()[row.index].mode == csptrace::ProcMode::Thread) {
      detail = QString::fromUtf8(csptrace::to_string(m.processes()[row.index].mode).data());
    }
    p.setFont(normal);
    p.setPen(problem ? s_.theme.problem : s_.theme.text);
    const QFontMetrics fm(normal);
    const int detail_w = detail.isEmpty() ? 0 : QFontMetrics(small).horizontalAdvance(detail) + 6;
    p.drawText(QRect(r.left() + 10, r.top(), r.width() - 10 - detail_w, r.height()),
               Qt::AlignVCenter | Qt::AlignLeft, fm.elidedText(name, Qt::ElideMiddle, r.width() - 10 - detail_w));
    if (!detail.isEmpty()) {
      p.setFont(small);
      p.setPen(s_.theme.text_dim);
      p.drawText(r, Qt::AlignVCenter | Qt::AlignRight, detail);
    }
  }
  p.restore();
  p.setPen(s_.theme.grid);
  p.drawLine(QPointF(s_.label_width() - 0.5, s_.lanes_top()), QPointF(s_.label_width() - 0.5, s_.lanes_bottom()));
}

void TimelinePainter::paint_axis(QPainter& p) const {
  QRect axis(0, 0, s_.size.width(), s_.metrics.axis_height);
  p.fillRect(axis, s_.theme.axis_background);
  p.setFont(s_.theme.font(s_.font, 0.95));
  p.setPen(s_.theme.text);
  for (const AxisTick& t : s_.scale.ticks(90 * s_.theme.font_scale)) {
    const double x = s_.label_width() + t.x;
    p.drawLine(QPointF(x, s_.metrics.axis_height - 6), QPointF(x, s_.metrics.axis_height));
    p.drawText(QRectF(x + 3, 0, 200, s_.metrics.axis_height - 2), Qt::AlignVCenter | Qt::AlignLeft,
               QString::fromStdString(t.label));
  }
  // User marks as flags on the axis.
  const auto& m = s_.doc->model();
  auto marks = LaneIndex::visible(m, s_.doc->lanes().marks(), s_.scale.t_of(0), s_.scale.end_ns());
  if (marks.size() <= 200) {
    const QFont f = s_.theme.font(s_.font, 0.9, true);
    const QFontMetrics fm(f);
    p.setFont(f);
    for (uint32_t e : marks) {
      const double x = s_.x_of(double(m.time(e)));
      const QString label = QString::fromUtf8(m.str(m.event(e).label).data());
      QRectF box(x, 2, fm.horizontalAdvance(label) + 10, s_.metrics.axis_height - 4);
      p.fillRect(box, s_.theme.cursor.lighter(s_.theme.dark ? 60 : 170));
      p.setPen(s_.theme.text);
      p.drawText(box.adjusted(5, 0, 0, 0), Qt::AlignVCenter | Qt::AlignLeft, label);
    }
  }
  if (s_.cursor && *s_.cursor < m.size()) {
    const double x = s_.x_of(double(m.time(*s_.cursor)));
    if (x >= s_.label_width()) {
      const QFont f = s_.theme.font(s_.font, 0.95, true);
      p.setFont(f);
      const QString text = QStringLiteral("#%1").arg(m.seq(*s_.cursor));
      QRectF box(x - QFontMetrics(f).horizontalAdvance(text) / 2.0 - 5, 2,
                 QFontMetrics(f).horizontalAdvance(text) + 10, s_.metrics.axis_height - 4);
      p.setBrush(s_.theme.cursor);
      p.setPen(Qt::NoPen);
      p.drawRoundedRect(box, 4, 4);
      p.setPen(Qt::black);
      p.drawText(box, Qt::AlignCenter, text);
    }
  }
  p.fillRect(QRect(0, 0, s_.label_width(), s_.metrics.axis_height), s_.theme.axis_background);
  p.setPen(s_.theme.text_dim);
  p.setFont(s_.theme.font(s_.font, 0.9));
  p.drawText(QRect(8, 0, s_.label_width() - 8, s_.metrics.axis_height), Qt::AlignVCenter | Qt::AlignLeft,
             QStringLiteral("time →"));
}

void TimelinePainter::paint_legend(QPainter& p) const {
  Legend::paint(p, s_.theme, s_.font, QRect(0, s_.lanes_bottom(), s_.size.width(), s_.legend_height));
}

}  // namespace cspview
