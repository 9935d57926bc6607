#include "lane_painter.hpp"

#include "count_text.hpp"
#include "deviation_marker.hpp"
#include "event_marker.hpp"
#include "label_row.hpp"
#include "lane_detail.hpp"
#include "process_state_colour.hpp"
#include "span_fold.hpp"
#include "timer_text.hpp"

#include <csptrace/event_format.hpp>

#include <algorithm>
#include <cmath>
#include <utility>

namespace cspview {

using csptrace::EventKind;
using csptrace::kNone;

namespace {

// The legend colour of a process state interval; nullopt before the spawn.
std::optional<StateColour> colour_of(const csptrace::StateInterval& iv) {
  return process_state_colour(iv.state, iv.op);
}

}  // namespace

void LanePainter::marker(QPainter& p, size_t e, double x, int top, int h) const {
  draw_event_marker(p, s_.doc->model(), s_.theme, e, x, top, h, s_.selected && *s_.selected == e);
}

void LanePainter::paint_process_lane(QPainter& p, const LaneRow& row, int top) const {
  const auto& m = s_.doc->model();
  const int pad = 3, h = row.height - 2 * pad;
  const double lx = s_.label_width();
  if (!s_.doc->has_analysis()) {
    // A trace being followed knows the state after its last event: a process waiting now is
    // coloured from the start of its wait to the right edge (it still waits), the one span a
    // hang is seen by before the replay of the whole run gives the others.
    if (const csptrace::ReplayState* live = s_.doc->live_state();
        live && row.index < live->processes.size()) {
      const csptrace::ProcessState& ps = live->processes[row.index];
      const auto colour = process_state_colour(ps.state, ps.wait.op);
      const size_t since = csptrace::wait_since(ps);  // kNone unless it waits
      if (colour && since < m.size()) {
        const double x0 = lx + std::max(s_.scale.x_of(double(m.time(since))), -2.0);
        const double x1 = lx + double(s_.scale.width_px) + 2;
        if (x0 < x1) p.fillRect(QRectF(x0, top + pad, x1 - x0, h), s_.theme.state_colour(*colour));
      }
    }
    if (s_.doc->is_preview()) {  // still reading: where the lane has events, and how many
      paint_density(p, csptrace::LaneDensity::Side::Process, row.index, top + pad, h);
      return;
    }
    // Still replaying in the background: the events themselves, until the states are known.
    for (const LaneMark& mark :
         LaneIndex::fold(m, s_.doc->lanes().process_events(row.index), s_.scale, kFoldPx)) {
      if (mark.count > 1)
        paint_folded(p, mark, top + pad, h);
      else
        marker(p, mark.first, lx + mark.x0, top + pad, h);
    }
    return;
  }
  const auto& intervals = s_.doc->timeline().intervals(row.index);
  const csptrace::ProcessLevels* summary = s_.doc->summary().process(row.index);
  auto fill = [&](double from, double to, std::optional<StateColour> colour) {
    if (!colour) return;
    const double x0 = lx + std::max(from, -2.0);
    const double x1 = lx + std::min(to, double(s_.scale.width_px) + 2);
    // Exited is a thin line: the process is gone, the lane should look empty.
    if (*colour == StateColour::Exited)
      p.fillRect(QRectF(x0, top + row.height / 2.0 - 1, x1 - x0, 2),
                 s_.theme.state_colour(*colour));
    else
      p.fillRect(QRectF(x0, top + pad, x1 - x0, h), s_.theme.state_colour(*colour));
  };
  for (const SpanMark& span : fold_spans(intervals, s_.scale, kFoldPx)) {
    if (span.count == 1) {
      fill(span.x0, span.x1, colour_of(intervals[span.first]));
      continue;
    }
    // A folded run: coloured by the state held longest in each part of it, and counted.
    for (const FoldPiece& piece : fold_pieces(intervals, summary, span, s_.scale))
      fill(piece.x0, piece.x1, process_state_colour(piece.state, piece.op));
    paint_fold_count(p, {span.x0, span.x1, 0, span.count}, top + pad, h);
  }
  // Events that say more than a state change: alt choices, refusals, errors, spawns. An alt
  // choice says which guard won and why where that fits without covering another label.
  const auto marks =
      LaneIndex::fold(m, s_.doc->lanes().process_events(row.index), s_.scale, kFoldPx);
  const QFont f = s_.theme.font(s_.font, 0.85, true);
  const QFontMetrics fm(f);
  LabelRow labels;
  for (const LaneMark& mark : marks)
    if (mark.count == 1) labels.reserve(mark.x0 - 6, mark.x0 + 6);
  const auto devs =
      deviations_in_view(s_.doc->deviations().on_process(row.index), top + pad, h, labels);
  for (const LaneMark& mark : marks) {
    if (mark.count > 1) continue;  // the folded span already says "busy here"
    switch (m.kind(mark.first)) {
      case EventKind::AltChoice: {
        marker(p, mark.first, lx + mark.x0, top + pad, h);
        const auto e = m.event(mark.first);
        const QString text = e.index < 0
                                 ? QStringLiteral("default")
                                 : QStringLiteral("guard %1 · %2")
                                       .arg(e.index)
                                       .arg(QString::fromUtf8(csptrace::to_string(e.rule).data()));
        const double w = fm.horizontalAdvance(text) + 6;
        if (auto x = labels.place(mark.x0 + 10, w, mark.x0 + 8, s_.scale.width_px)) {
          p.setFont(f);
          p.setPen(s_.theme.text);
          const QRectF box(lx + *x, top + pad, w, fm.height());
          p.fillRect(box, s_.theme.background);
          p.drawText(box, Qt::AlignCenter, text);
        }
        break;
      }
      case EventKind::Refused:
      case EventKind::Exit:
      case EventKind::Spawn: marker(p, mark.first, lx + mark.x0, top + pad, h); break;
      default:
        if (s_.selected && *s_.selected == mark.first)
          marker(p, mark.first, lx + mark.x0, top + pad, h);
        break;
    }
  }
  paint_deviations(p, devs);
}

std::vector<LanePainter::DeviationInView> LanePainter::deviations_in_view(
    std::span<const uint32_t> lane, int top, int h, LabelRow& labels) const {
  std::vector<DeviationInView> out;
  if (lane.empty()) return out;
  const auto& m = s_.doc->model();
  const auto& all = s_.doc->deviations().all();
  const double half = deviation_badge(0, top, h).width() / 2;
  const double t0 = s_.scale.t_of(-half), t1 = s_.scale.t_of(s_.scale.width_px + half);
  auto it = std::lower_bound(lane.begin(), lane.end(), t0, [&](uint32_t k, double t) {
    return double(m.time(all[k].event)) < t;
  });
  double last_x = -1e9;
  for (; it != lane.end() && double(m.time(all[*it].event)) <= t1; ++it) {
    const double x = s_.scale.x_of(double(m.time(all[*it].event)));
    if (x - last_x < 2 * half + 2) continue;  // would cover the one before
    last_x = x;
    out.push_back({&all[*it], deviation_badge(s_.label_width() + x, top, h), std::nullopt, {}});
    labels.reserve(x - half, x + half);
  }
  const QFontMetrics fm(s_.theme.font(s_.font, 0.85, true));
  for (DeviationInView& d : out) {
    d.label = QString::fromStdString(deviation_label(*d.mark));
    const double x = d.badge.right() - s_.label_width();
    const double w = fm.horizontalAdvance(d.label) + 6;
    d.label_x = labels.place(x + 3, w, x + 2, s_.scale.width_px);
  }
  return out;
}

void LanePainter::paint_deviations(QPainter& p, const std::vector<DeviationInView>& devs) const {
  const QFont f = s_.theme.font(s_.font, 0.85, true);
  const QFontMetrics fm(f);
  for (const DeviationInView& d : devs) {
    draw_deviation_marker(p, s_.theme, d.badge, s_.selected && *s_.selected == d.mark->event);
    if (!d.label_x) continue;
    // Beside the badge, on its middle line.
    const QRectF box(s_.label_width() + *d.label_x, d.badge.center().y() - fm.height() / 2.0,
                     fm.horizontalAdvance(d.label) + 6, fm.height());
    p.fillRect(box, s_.theme.background);
    p.setFont(f);
    p.setPen(s_.theme.text);
    p.drawText(box, Qt::AlignCenter, d.label);
  }
}

void LanePainter::paint_channel_lane(QPainter& p, const LaneRow& row, int top) const {
  const auto& m = s_.doc->model();
  const auto& info = m.channels()[row.index];
  const int pad = 4, h = row.height - 2 * pad;
  const double right = s_.lanes_right();
  // After its close a channel lane is hatched: nothing more can be put into it.
  if (info.close_event != kNone) {
    const double x = s_.x_of(double(m.time(info.close_event)));
    QColor c = s_.theme.text_dim;
    c.setAlpha(70);
    p.fillRect(QRectF(x, top + pad, right - x, h), QBrush(c, Qt::BDiagPattern));
  }
  paint_occupancy(p, row, top + pad, h);
  // The lane's centre line: the channel exists from its make on.
  const double x_make = s_.x_of(double(m.time(info.make_event)));
  p.setPen(QPen(s_.theme.grid, 2));
  p.drawLine(QPointF(x_make, top + row.height / 2.0), QPointF(right, top + row.height / 2.0));
  if (s_.doc->is_preview()) {
    paint_density(p, csptrace::LaneDensity::Side::Channel, row.index, top + pad, h);
    return;
  }
  const auto lane = s_.doc->lanes().channel_events(row.index);
  const auto marks = LaneIndex::fold(m, lane, s_.scale, kFoldPx);
  for (const LaneMark& mark : marks) {
    if (mark.count > 1 && !(mark.count <= 4 && mark.x1 - mark.x0 < 1)) {
      paint_folded(p, mark, top + pad, h);
      continue;
    }
    // One event, or a few at the same instant (a buf_take and its transfer): draw each. The
    // lane is sorted by (time, event index): a binary search finds the mark's first event (a
    // linear find from the lane's start cost 16 ms per frame deep inside a 5 M-event trace).
    const auto at = std::lower_bound(
        lane.begin(), lane.end(), mark.first,
        [&m](uint32_t a, uint32_t b) { return std::pair(m.time(a), a) < std::pair(m.time(b), b); });
    for (auto it = at; it != lane.end() && it != at + mark.count; ++it)
      marker(p, *it, s_.label_width() + mark.x0, top + pad, h);
  }
  // A timer that fired while processes could run: its badge and label, over the lane's marks.
  LabelRow free;
  for (const LaneMark& mk : marks) free.reserve(mk.x0 - 7, mk.x1 + 7);
  const auto devs =
      deviations_in_view(s_.doc->deviations().on_channel(row.index), top + pad, h, free);
  // A timer says, after its fire, how long it was set for, in the time of this axis, where
  // that fits between the lane's marks (else the tooltip and the story caption say it).
  const auto fire = info.buffer != csptrace::BufferKind::Timer
                        ? lane.end()
                        : std::find_if(lane.begin(), lane.end(), [&m](uint32_t e) {
                            return m.kind(e) == EventKind::TimerFire;
                          });
  if (fire != lane.end()) {
    const double x = s_.scale.x_of(double(m.time(*fire)));
    const QFont f = s_.theme.font(s_.font, 0.85);
    const QFontMetrics fm(f);
    const std::string full = timer_note(m, lane, row.index);
    const std::string brief = "set for " + csptrace::format_duration(info.duration) +
                              (timers_are_virtual(m) ? " (virtual)" : "");
    for (const std::string& note : {full, brief}) {
      const QString text = QString::fromStdString(note);
      const double w = fm.horizontalAdvance(text) + 4;
      if (auto at = free.place(x + 10, w, x + 8, right - s_.label_width())) {
        p.setFont(f);
        p.setPen(s_.theme.text_dim);
        p.drawText(QRectF(s_.label_width() + *at, top, w, row.height),
                   Qt::AlignVCenter | Qt::AlignLeft, text);
        break;
      }
    }
  }
  paint_deviations(p, devs);
}

void LanePainter::paint_occupancy(QPainter& p, const LaneRow& row, int top, int h) const {
  // One column every 2 px, each showing everything within its time (lane_detail.hpp: from the
  // summary or the steps), so the cost is the width, not the events, and a wait or a level
  // shorter than a column still shows. A buffered channel shows its fill (height = level /
  // capacity: solid up to the lowest level, lighter up to the highest); any channel shows a
  // band while processes wait on it (orange: putters, blue: takers).
  if (!s_.doc->has_analysis()) return;
  const csptrace::Timeline& tl = s_.doc->timeline();
  if (tl.occupancy(row.index).empty()) return;
  const csptrace::ChannelLevels* summary = s_.doc->summary().channel(row.index);
  const auto& info = s_.doc->model().channels()[row.index];
  const double cap = info.cap > 0 && info.buffer != csptrace::BufferKind::Timer ? info.cap : 0;
  QColor put = s_.theme.state_colour(StateColour::ParkedPut),
         take = s_.theme.state_colour(StateColour::ParkedTake);
  put.setAlpha(90);
  take.setAlpha(90);
  QColor fill = s_.theme.buffer_fill, peak = s_.theme.buffer_fill;
  fill.setAlpha(150);
  peak.setAlpha(60);
  const double step_px = 2;
  // A column's times as int64 (a hostile trace's times reach INT64_MAX, and a view may pass it).
  auto ns = [this](double x) { return std::clamp(s_.scale.t_of(x), -9.2e18, 9.2e18); };
  for (double x = 0; x < s_.scale.width_px; x += step_px) {
    const auto t0 = int64_t(std::floor(ns(x)));
    const int64_t t1 = std::max(t0 + 1, int64_t(std::ceil(ns(x + step_px))));
    const csptrace::ChannelBucket col = channel_column(tl, summary, row.index, t0, t1);
    if (!col.covered) continue;
    const double sx = s_.label_width() + x;
    if (col.putters) p.fillRect(QRectF(sx, top, step_px, h / 2.0), put);
    if (col.takers) p.fillRect(QRectF(sx, top + h / 2.0, step_px, h / 2.0), take);
    if (cap > 0 && col.high > 0) {
      const double low = h * std::min(1.0, col.low / cap), high = h * std::min(1.0, col.high / cap);
      if (low > 0) p.fillRect(QRectF(sx, top + h - low, step_px, low), fill);
      if (high > low) p.fillRect(QRectF(sx, top + h - high, step_px, high - low), peak);
    }
  }
}

void LanePainter::paint_density(QPainter& p, csptrace::LaneDensity::Side side, uint32_t lane,
                                int top, int height) const {
  for (const LaneMark& mark : s_.doc->preview_marks(side, lane, s_.scale, kFoldPx))
    paint_folded(p, mark, top, height);
}

void LanePainter::paint_folded(QPainter& p, const LaneMark& mark, int top, int height) const {
  const double x0 = s_.label_width() + mark.x0;
  const double w = std::max(mark.x1 - mark.x0, kFoldPx);
  QRectF r(x0, top + height * 0.2, w, height * 0.6);
  p.fillRect(r, QBrush(s_.theme.folded, Qt::Dense4Pattern));
  p.setPen(QPen(s_.theme.folded, 1));
  p.drawRect(r);
  // "1,234,567": digits in groups, as a count is read aloud; in the theme's type, which grows
  // with presentation mode.
  const QString n = QString::fromStdString(count_text(mark.count));
  const QFont f = s_.theme.font(s_.font, 0.85);
  const QFontMetrics fm(f);
  if (fm.horizontalAdvance(n) + 6 < w) {
    p.setFont(f);
    p.setPen(s_.theme.text);
    p.drawText(r, Qt::AlignCenter, n);
  }
}

void LanePainter::paint_fold_count(QPainter& p, const LaneMark& mark, int top, int height) const {
  const double x0 = s_.label_width() + std::max(mark.x0, -2.0);
  const double x1 = s_.label_width() + std::min(mark.x1, double(s_.scale.width_px) + 2);
  // The run's edges, then its count on a plate of the background where it fits.
  p.setPen(QPen(s_.theme.folded, 1));
  p.setBrush(Qt::NoBrush);
  p.drawRect(QRectF(x0, top, std::max(x1 - x0, kFoldPx), height));
  // In the theme's type, as paint_folded's count.
  const QString n = QString::fromStdString(count_text(mark.count));
  const QFont f = s_.theme.font(s_.font, 0.85);
  const QFontMetrics fm(f);
  const double w = fm.horizontalAdvance(n) + 8;
  if (w + 4 < x1 - x0 && fm.height() <= height) {
    const QRectF plate((x0 + x1 - w) / 2, top + (height - fm.height()) / 2.0, w, fm.height());
    p.fillRect(plate, s_.theme.background);
    p.setFont(f);
    p.setPen(s_.theme.text);
    p.drawText(plate, Qt::AlignCenter, n);
  }
}

}  // namespace cspview
