#include "timeline_widget.hpp"

#include "arrow_painter.hpp"
#include "caption_painter.hpp"
#include "cycle_strip.hpp"
#include "deviation_marker.hpp"
#include "finding_painter.hpp"
#include "legend.hpp"
#include "story.hpp"
#include "timeline_painter.hpp"

#include <QMouseEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace cspview {

TimelineWidget::TimelineWidget(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setMinimumSize(300, 200);
}

void TimelineWidget::set_document(std::shared_ptr<const TraceDocument> doc, bool keep_view) {
  const int old_width = lanes_width();
  doc_ = std::move(doc);
  if (keep_view) {
    relayout();
    rewidth(old_width);
    return;
  }
  cursor_.reset();
  selected_.reset();
  overlay_ = {};
  matches_.reset();
  warning_.clear();
  story_ = doc_ ? story_at(*doc_, std::nullopt) : StoryStep{};
  layout_options_.focus_process.reset();
  layout_options_.focus_interactions.reset();
  history_.clear();
  scroll_y_ = 0;
  relayout();
  fit_all();
  history_.clear();
}

void TimelineWidget::set_theme(const Theme& theme) {
  const int old_width = lanes_width();
  theme_ = theme;
  relayout();
  rewidth(old_width);
}

TimelineMetrics TimelineWidget::metrics() const {
  return TimelineMetrics::make(theme_.font_scale, width());
}

int TimelineWidget::caption_height() const {
  return doc_ ? CaptionPainter::height(theme_, font(), !warning_.isEmpty()) : 0;
}

int TimelineWidget::strip_width_for(int widget_width) const {
  // Never more than a third of the lanes: a long cycle's columns get narrower instead.
  const int wanted = CycleStrip::width_for(overlay_.cycle.size(), theme_.font_scale);
  return std::min(wanted,
                  std::max(0, (widget_width -
                               TimelineMetrics::make(theme_.font_scale, widget_width).label_width) /
                                  3));
}

int TimelineWidget::lanes_width_for(int widget_width) const {
  return std::max(1, widget_width -
                         TimelineMetrics::make(theme_.font_scale, widget_width).label_width -
                         strip_width_for(widget_width));
}

void TimelineWidget::rewidth(int old_width) {
  const int new_width = lanes_width();
  if (old_width > 0 && new_width != old_width)
    scale_.ns_per_px = std::max(TimeScale::kMinNsPerPx, scale_.ns_per_px * old_width / new_width);
  scale_.width_px = new_width;
  update();
}

void TimelineWidget::set_cursor(std::optional<size_t> event, bool follow) {
  cursor_ = event;
  if (doc_) story_ = story_at(*doc_, event);
  if (doc_ && event && *event < doc_->model().size()) {
    if (follow && follow_cursor_) {
      set_scale(follow_view(scale_, *doc_, *event), false);
    } else {
      const double x = scale_.x_of(double(doc_->model().time(*event)));
      if (x < 0 || x > lanes_width())
        set_scale(scale_.centred_on(double(doc_->model().time(*event))), false);
    }
  }
  update();
}

void TimelineWidget::set_selected(std::optional<size_t> event) {
  selected_ = event;
  update();
}

void TimelineWidget::set_overlay(TimelineOverlay overlay) {
  const int old_width = lanes_width();
  overlay_ = std::move(overlay);
  rewidth(old_width);
}

void TimelineWidget::set_matches(std::shared_ptr<const SearchResult> matches) {
  matches_ = std::move(matches);
  update();
}

void TimelineWidget::set_warning(const QString& text) {
  warning_ = text;
  relayout();
}

void TimelineWidget::set_name_filter(const QString& text) {
  layout_options_.name_filter = text.toStdString();
  relayout();
}

void TimelineWidget::set_focus_process(std::optional<uint32_t> p,
                                       std::shared_ptr<const Interactions> in) {
  if (p == layout_options_.focus_process) return;
  layout_options_.focus_process = p;
  // Kept, not made again at each relayout (resize, theme, fold): it costs a pass over the events.
  layout_options_.focus_interactions = p ? std::move(in) : nullptr;
  relayout();
}

void TimelineWidget::relayout() {
  if (doc_) {
    // Few lanes grow to fill the height (up to twice the normal size), so a small teaching
    // trace reads from the back of a lecture hall; many lanes keep the normal size and scroll.
    const TimelineMetrics m = metrics();
    layout_options_.lane_height = m.lane_height;
    layout_options_.group_height = m.group_height;
    layout_ = LaneLayout(doc_->model(), layout_options_);
    const TimelineScene s = scene();
    const int groups = 2, lanes = int(layout_.row_count()) - groups;
    const int room = s.lanes_bottom() - s.lanes_top() - groups * m.group_height;
    if (lanes > 0 && room / lanes > m.lane_height) {
      layout_options_.lane_height = std::min(room / lanes, m.lane_height * 2);
      layout_ = LaneLayout(doc_->model(), layout_options_);
    }
  } else {
    layout_ = LaneLayout();
  }
  clamp_scroll();
  update();
}

TimelineScene TimelineWidget::scene() const {
  TimelineScene s;
  s.doc = doc_.get();
  s.layout = doc_ ? &layout_ : nullptr;
  s.overlay = &overlay_;
  s.matches = matches_.get();
  s.theme = theme_;
  s.font = font();
  s.size = size();
  s.metrics = metrics();
  s.caption_height = caption_height();
  s.legend_height = Legend::height(theme_, font(), width(), doc_ && !doc_->deviations().empty());
  s.strip_width = strip_width();
  s.scroll_y = scroll_y_;
  s.scale = scale_;
  s.scale.width_px = lanes_width();
  s.cursor = cursor_;
  s.selected = selected_;
  s.story = story_;
  s.warning = warning_;
  s.processes_collapsed = layout_options_.processes_collapsed;
  s.channels_collapsed = layout_options_.channels_collapsed;
  return s;
}

void TimelineWidget::paintEvent(QPaintEvent*) {
  QPainter p(this);
  const TimelineScene s = scene();
  TimelinePainter(s).paint(p);
  if (drag_ == Drag::Select && moved_) {
    QColor band = theme_.selection;
    band.setAlpha(50);
    const QRect r(QPoint(std::min(press_pos_.x(), last_pos_.x()), s.lanes_top()),
                  QPoint(std::max(press_pos_.x(), last_pos_.x()), s.lanes_bottom()));
    p.fillRect(r, band);
    p.setPen(QPen(theme_.selection, 1));
    p.drawRect(r);
  }
}

void TimelineWidget::resizeEvent(QResizeEvent* e) {
  // Keep the visible time range when the width changes (the first layout fits the trace).
  const int old_lanes = e->oldSize().width() > 0 ? lanes_width_for(e->oldSize().width()) : 0;
  relayout();
  rewidth(old_lanes);
}

TimeScale TimelineWidget::within_trace(TimeScale s) const {
  s.width_px = lanes_width();
  if (!doc_) return s;
  const RunSpan& run = doc_->run();
  return s.bounded(run.view_lo(), run.view_hi(), run.max_view());
}

void TimelineWidget::set_scale(const TimeScale& s, bool record_history) {
  const TimeScale next = within_trace(s);
  if (record_history && !(next == scale_)) history_.visit(place());
  scale_ = next;
  update();
  emit view_changed();
}

void TimelineWidget::fit_all() {
  if (!doc_) return;
  // The run, from its first to its last real event: the idle tail before `end` is off to the
  // right (the ruler shows it as a break). Waits that never end get a little more room, so
  // "stuck" reads as a span running off the end rather than a sliver at the edge.
  const RunSpan& run = doc_->run();
  const double tail = doc_->stuck().empty() ? 0 : double(run.duration()) * 0.04;
  set_scale(TimeScale::fit(double(run.first), double(run.last) + tail, lanes_width()));
}

void TimelineWidget::zoom(double factor) {
  double anchor = lanes_width() / 2.0;
  if (doc_ && cursor_ && *cursor_ < doc_->model().size()) {
    const double x = scale_.x_of(double(doc_->model().time(*cursor_)));
    if (x >= 0 && x <= lanes_width()) anchor = x;
  }
  set_scale(scale_.zoomed(anchor, factor));
}

void TimelineWidget::show_range(int64_t t0, int64_t t1) {
  set_scale(TimeScale::fit(double(t0), double(t1), lanes_width()));
}

void TimelineWidget::remember_place() {
  history_.visit(place());
  emit view_changed();
}

void TimelineWidget::restore(const ViewPlace& v) {
  const bool cursor_moved = v.cursor != cursor_;
  scale_ = within_trace(v.scale);
  update();
  emit view_changed();
  if (cursor_moved) emit cursor_requested(v.cursor);
}

void TimelineWidget::back() {
  if (auto v = history_.back(place())) restore(*v);
}

void TimelineWidget::forward() {
  if (auto v = history_.forward(place())) restore(*v);
}

void TimelineWidget::clamp_scroll() {
  const TimelineScene s = scene();
  const int visible = s.lanes_bottom() - s.lanes_top();
  scroll_y_ = std::clamp(scroll_y_, 0, std::max(0, layout_.height() - visible));
}

void TimelineWidget::wheelEvent(QWheelEvent* e) {
  const double steps = e->angleDelta().y() / 120.0;
  const double x = e->position().x() - metrics().label_width;
  if (e->modifiers() & Qt::ControlModifier) {
    // One history entry per burst of wheel zooming, not one per notch.
    const auto now = std::chrono::steady_clock::now();
    const bool burst = now - last_wheel_history_ < std::chrono::milliseconds(800);
    last_wheel_history_ = now;
    set_scale(scale_.zoomed(std::clamp(x, 0.0, double(lanes_width())), std::pow(1.25, steps)),
              !burst);
  } else if (e->modifiers() & Qt::ShiftModifier || e->angleDelta().x() != 0) {
    const double d = e->angleDelta().x() != 0 ? e->angleDelta().x() / 120.0 : steps;
    set_scale(scale_.panned(d * lanes_width() / 10.0), false);
  } else {
    scroll_y_ -= int(steps * layout_options_.lane_height * 3);
    clamp_scroll();
    update();
  }
  e->accept();
}

void TimelineWidget::mousePressEvent(QMouseEvent* e) {
  press_pos_ = last_pos_ = e->position().toPoint();
  press_scale_ = scale_;
  press_scroll_ = scroll_y_;
  moved_ = false;
  if (e->button() == Qt::LeftButton)
    drag_ = (e->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier)) ? Drag::Select : Drag::Pan;
  else if (e->button() == Qt::MiddleButton)
    drag_ = Drag::Pan;
}

void TimelineWidget::mouseMoveEvent(QMouseEvent* e) {
  const QPoint pos = e->position().toPoint();
  if (drag_ == Drag::None) return;
  if ((pos - press_pos_).manhattanLength() > 3) moved_ = true;
  if (drag_ == Drag::Pan && moved_) {
    scale_ = within_trace(press_scale_.panned(pos.x() - press_pos_.x()));
    scroll_y_ = press_scroll_ - (pos.y() - press_pos_.y());
    clamp_scroll();
    update();
    emit view_changed();
  } else if (drag_ == Drag::Select) {
    update();  // paintEvent draws the selection band
  }
  last_pos_ = pos;
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent* e) {
  const QPoint pos = e->position().toPoint();
  const Drag drag = drag_;
  drag_ = Drag::None;
  if (drag == Drag::Pan && moved_) {
    if (!(press_scale_ == scale_)) history_.visit({press_scale_, cursor_});
    emit view_changed();
    return;
  }
  if (drag == Drag::Select && moved_) {
    const int lw = metrics().label_width;
    set_scale(scale_.selected(press_pos_.x() - lw, pos.x() - lw));
    return;
  }
  // A click: on a group header it folds the group, elsewhere it selects what is under it.
  const TimelineScene s = scene();
  if (pos.y() >= s.lanes_top() && pos.y() < s.lanes_bottom() && pos.x() < s.lanes_right()) {
    if (const std::optional<LaneRow> row = layout_.row_at(pos.y() - s.lanes_top() + scroll_y_)) {
      if (row->kind == RowKind::ProcessGroup || row->kind == RowKind::ChannelGroup) {
        auto& flag = row->kind == RowKind::ProcessGroup ? layout_options_.processes_collapsed
                                                        : layout_options_.channels_collapsed;
        flag = !flag;
        relayout();
        return;
      }
    }
  }
  if (auto t = click_target(pos)) {
    if (t->jump)
      emit jump_requested(t->event);
    else
      emit event_clicked(t->event);
  }
}

std::optional<size_t> TimelineWidget::event_at(QPoint pos) const {
  if (!doc_) return std::nullopt;
  const TimelineScene s = scene();
  if (!s.lanes_rect().contains(pos)) return std::nullopt;
  std::optional<LaneRow> row = layout_.row_at(pos.y() - s.lanes_top() + scroll_y_);
  if (!row || (row->kind != RowKind::Process && row->kind != RowKind::Channel)) return std::nullopt;
  const auto& m = doc_->model();
  const auto lane = row->kind == RowKind::Process ? doc_->lanes().process_events(row->index)
                                                  : doc_->lanes().channel_events(row->index);
  const double x = pos.x() - s.label_width();
  const double slop = 6;
  auto near = LaneIndex::visible(m, lane, scale_.t_of(x - slop), scale_.t_of(x + slop));
  std::optional<size_t> best;
  double best_d = slop + 1;
  for (uint32_t e : near) {
    const double d = std::abs(scale_.x_of(double(m.time(e))) - x);
    if (d < best_d) best_d = d, best = e;
    if (near.size() > 64) break;  // folded: any of them will do
  }
  return best;
}

std::optional<size_t> TimelineWidget::deviation_at(QPoint pos) const {
  if (!doc_ || doc_->deviations().empty()) return std::nullopt;
  const TimelineScene s = scene();
  if (!s.lanes_rect().contains(pos)) return std::nullopt;
  std::optional<LaneRow> row = layout_.row_at(pos.y() - s.lanes_top() + scroll_y_);
  if (!row || (row->kind != RowKind::Process && row->kind != RowKind::Channel)) return std::nullopt;
  const auto& devs = doc_->deviations();
  const auto lane =
      row->kind == RowKind::Process ? devs.on_process(row->index) : devs.on_channel(row->index);
  const auto& m = doc_->model();
  const double half = deviation_badge(0, 0, row->height).width() / 2 + 2;
  const double x = pos.x() - s.label_width();
  auto it = std::lower_bound(
      lane.begin(), lane.end(), scale_.t_of(x - half),
      [&](uint32_t k, double t) { return double(m.time(devs.all()[k].event)) < t; });
  // The earliest in reach: the painter keeps the earliest of badges that would overlap.
  if (it == lane.end() || std::abs(scale_.x_of(double(m.time(devs.all()[*it].event))) - x) > half)
    return std::nullopt;
  return devs.all()[*it].event;
}

std::optional<size_t> TimelineWidget::arrow_at(QPoint pos) const {
  if (!doc_) return std::nullopt;
  const TimelineScene s = scene();
  if (!s.lanes_rect().contains(pos)) return std::nullopt;
  const QRectF probe(pos.x() - 4, pos.y() - 4, 8, 8);
  const ArrowPainter arrows(s);
  // The story's hand-over first: it is drawn on top.
  if (s.story.focus)
    if (auto a = arrows.arrow(*s.story.focus); a && a->path.intersects(probe)) return a->event;
  for (const RendezvousArrow& a : arrows.visible())
    if (a.path.intersects(probe)) return a.event;
  return std::nullopt;
}

std::optional<size_t> TimelineWidget::stuck_park_at(QPoint pos) const {
  if (!doc_ || !doc_->has_analysis()) return std::nullopt;
  const TimelineScene s = scene();
  if (!s.lanes_rect().contains(pos)) return std::nullopt;
  std::optional<LaneRow> row = layout_.row_at(pos.y() - s.lanes_top() + scroll_y_);
  if (!row || row->kind != RowKind::Process) return std::nullopt;
  const double t = s.t_of(pos.x());
  for (const StuckWait& w : doc_->stuck())
    if (w.proc == row->index && t >= double(w.since) && w.park_event != csptrace::kNone)
      return w.park_event;
  return std::nullopt;
}

std::optional<size_t> TimelineWidget::span_cause_at(QPoint pos) const {
  if (!doc_ || !doc_->has_analysis()) return std::nullopt;
  const TimelineScene s = scene();
  if (!s.lanes_rect().contains(pos)) return std::nullopt;
  std::optional<LaneRow> row = layout_.row_at(pos.y() - s.lanes_top() + scroll_y_);
  if (!row || row->kind != RowKind::Process) return std::nullopt;
  const auto& iv = doc_->timeline().intervals(row->index);
  const auto t = int64_t(s.t_of(pos.x()));
  const size_t k = doc_->timeline().first_interval_from(row->index, t);
  if (k >= iv.size() || iv[k].t_begin > t || iv[k].cause == csptrace::kNone) return std::nullopt;
  return iv[k].cause;
}

std::optional<TimelineWidget::ClickTarget> TimelineWidget::click_target(QPoint pos) const {
  if (!doc_) return std::nullopt;
  const TimelineScene s = scene();
  if (s.strip_rect().contains(pos)) {
    const CycleStrip strip = FindingPainter::strip(s);
    if (auto edge = strip.edge_at(pos.x(), pos.y()))
      if (overlay_.cycle[*edge].park_event != csptrace::kNone)
        return ClickTarget{overlay_.cycle[*edge].park_event, true};
    return std::nullopt;
  }
  if (auto e = deviation_at(pos)) return ClickTarget{*e, false};
  if (auto e = event_at(pos)) return ClickTarget{*e, false};
  if (auto e = arrow_at(pos)) return ClickTarget{*e, false};
  if (auto e = stuck_park_at(pos)) return ClickTarget{*e, true};
  if (auto e = span_cause_at(pos)) return ClickTarget{*e, false};
  return std::nullopt;
}

}  // namespace cspview
