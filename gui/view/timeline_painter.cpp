#include "timeline_painter.hpp"

#include "arrow_painter.hpp"
#include "axis_painter.hpp"
#include "caption_painter.hpp"
#include "count_text.hpp"
#include "finding_painter.hpp"
#include "lane_painter.hpp"
#include "legend.hpp"

#include <csptrace/event_format.hpp>

#include <algorithm>

namespace cspview {

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
  AxisPainter(s_).paint_grid(p);
  AxisPainter(s_).paint_idle(p);
  paint_marks(p);
  ArrowPainter(s_).paint(p);
  paint_matches(p);
  FindingPainter(s_).paint_lanes(p);
  paint_cursor(p);
  ArrowPainter(s_).paint_focus(p);  // above the cursor line: the step is what the room looks at
  p.setClipRect(QRect(0, s_.lanes_top(), s_.size.width(), s_.lanes_bottom() - s_.lanes_top()));
  FindingPainter(s_).paint_cycle_strip(p);
  p.restore();
  paint_labels(p);
  AxisPainter(s_).paint(p);
  CaptionPainter(s_).paint(p);
  Legend::paint(p, s_.theme, s_.font,
                QRect(0, s_.lanes_bottom(), s_.size.width(), s_.legend_height),
                !s_.doc->deviations().empty());
}

void TimelinePainter::paint_rows(QPainter& p) const {
  const LanePainter lanes(s_);
  const auto [first, last] = s_.visible_rows();
  for (size_t n = first; n < last; ++n) {
    const LaneRow row = s_.layout->row(n);
    const int top = s_.row_top(row);
    const bool lane = row.kind == RowKind::Process || row.kind == RowKind::Channel;
    // The lanes above, this one included: rows are the group titles and the lanes between.
    const size_t lane_no = row.kind == RowKind::Process ? n : n - 1;
    const QRect r(0, top, s_.size.width(), row.height);
    if (!lane) {
      p.fillRect(r, s_.theme.group_background);
      continue;
    }
    p.fillRect(r, lane_no % 2 ? s_.theme.lane_odd : s_.theme.lane_even);
    p.save();
    p.setClipRect(s_.lanes_rect().intersected(r));
    if (row.kind == RowKind::Process)
      lanes.paint_process_lane(p, row, top);
    else
      lanes.paint_channel_lane(p, row, top);
    p.restore();
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

void TimelinePainter::paint_matches(QPainter& p) const {
  // Search matches: a ring on the event's lane where they are few enough to see one by one,
  // and always a tick along the bottom of the ruler (one per pixel column at most).
  if (!s_.matches || s_.matches->empty()) return;
  const auto& m = s_.doc->model();
  const auto vis = LaneIndex::visible(m, s_.matches->by_time, s_.scale.t_of(-4),
                                      s_.scale.t_of(s_.scale.width_px + 4));
  // Millions of matches fold to one tick per two pixels (a binary search per tick), so the
  // frame costs the width, not the matches.
  for (const LaneMark& mark : LaneIndex::fold(m, s_.matches->by_time, s_.scale, 2.0))
    p.fillRect(QRectF(s_.label_width() + mark.x0 - 1.5, s_.lanes_top(), mark.x1 - mark.x0 + 3,
                      5 * s_.theme.font_scale),
               s_.theme.match);
  if (double(vis.size()) > s_.scale.width_px / 6.0) return;
  QPen ring(s_.theme.match, 3 * s_.theme.font_scale);
  for (uint32_t e : vis) {
    const double x = s_.x_of(double(m.time(e)));
    const uint32_t proc = m.proc_index(e) != csptrace::kNone ? m.proc_index(e)
                          : m.to_index(e) != csptrace::kNone ? m.to_index(e)
                                                             : m.from_index(e);
    std::optional<LaneRow> row =
        m.chan_index(e) != csptrace::kNone ? s_.layout->channel_row(m.chan_index(e)) : std::nullopt;
    if (!row && proc != csptrace::kNone) row = s_.layout->process_row(proc);
    if (!row) continue;
    p.setPen(ring);
    p.setBrush(Qt::NoBrush);
    const double r = std::max(6.0, row->height * 0.34);
    p.drawEllipse(QPointF(x, s_.row_centre(*row)), r, r);
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
  QColor tint = s_.theme.problem;
  tint.setAlpha(s_.theme.dark ? 60 : 32);
  const auto [first, last] = s_.visible_rows();
  for (size_t n = first; n < last; ++n) {
    const LaneRow row = s_.layout->row(n);
    const int top = s_.row_top(row);
    const QRect r(8, top, s_.label_width() - 12, row.height);
    if (row.kind == RowKind::ProcessGroup || row.kind == RowKind::ChannelGroup) {
      const bool procs = row.kind == RowKind::ProcessGroup;
      const bool collapsed = procs ? s_.processes_collapsed : s_.channels_collapsed;
      p.setFont(bold);
      p.setPen(s_.theme.text);
      const size_t lanes = procs ? m.processes().size() : m.channels().size();
      // A group's row is empty past the name column up to the idle note (a third of the lanes
      // in, axis_painter.cpp): a long count ("5,000,001") may run into it.
      const QRect title = r.adjusted(0, 0, int(s_.lanes_rect().width() / 3) - 8, 0);
      p.save();
      p.setClipRect(title.intersected(
          QRect(0, s_.lanes_top(), s_.size.width(), s_.lanes_bottom() - s_.lanes_top())));
      p.drawText(title, Qt::AlignVCenter | Qt::AlignLeft,
                 QStringLiteral("%1 %2 (%3)")
                     .arg(collapsed ? QStringLiteral("▸") : QStringLiteral("▾"),
                          procs ? QStringLiteral("Processes") : QStringLiteral("Channels"),
                          QString::fromStdString(count_text(lanes))));
      p.restore();
      continue;
    }
    const bool process = row.kind == RowKind::Process;
    const bool problem = s_.overlay && (process ? s_.overlay->involves_process(row.index)
                                                : s_.overlay->involves_channel(row.index));
    // A finding's lanes are marked in the name column only: a red tint over the lanes would
    // change the state colours the legend explains.
    if (problem) {
      p.fillRect(QRect(0, top, s_.label_width(), row.height), tint);
      p.fillRect(QRect(0, top, 4, row.height), s_.theme.problem);
    }
    const QString name = QString::fromStdString(process ? s_.doc->process_label(row.index)
                                                        : s_.doc->channel_label(row.index));
    QString detail;
    if (!process) {
      const auto& c = m.channels()[row.index];
      detail = QString::fromUtf8(csptrace::to_string(c.buffer).data());
      if (c.cap > 0) detail += QStringLiteral("(%1)").arg(c.cap);
    } else if (m.processes()[row.index].mode == csptrace::ProcMode::Thread) {
      detail = QString::fromUtf8(csptrace::to_string(m.processes()[row.index].mode).data());
    }
    const QFontMetrics fm(normal);
    int detail_w = detail.isEmpty() ? 0 : QFontMetrics(small).horizontalAdvance(detail) + 6;
    // The name comes first: the detail gives way when the column is narrow.
    if (detail_w > 0 && fm.horizontalAdvance(name) + detail_w > r.width() - 10) detail_w = 0;
    p.setFont(normal);
    p.setPen(problem ? s_.theme.problem : s_.theme.text);
    p.drawText(QRect(r.left() + 4, r.top(), r.width() - 4 - detail_w, r.height()),
               Qt::AlignVCenter | Qt::AlignLeft,
               fm.elidedText(name, Qt::ElideMiddle, r.width() - 4 - detail_w));
    if (detail_w > 0) {
      p.setFont(small);
      p.setPen(s_.theme.text_dim);
      p.drawText(r, Qt::AlignVCenter | Qt::AlignRight, detail);
    }
  }
  p.restore();
  p.setPen(s_.theme.grid);
  p.drawLine(QPointF(s_.label_width() - 0.5, s_.lanes_top()),
             QPointF(s_.label_width() - 0.5, s_.lanes_bottom()));
}

}  // namespace cspview
