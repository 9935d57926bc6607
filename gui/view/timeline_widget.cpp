#include "timeline_widget.hpp"

#include "legend.hpp"
#include "timeline_painter.hpp"

#include <csptrace/event_format.hpp>

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace cspview {

using csptrace::kNone;

TimelineWidget::TimelineWidget(QWidget* parent) : QWidget(parent) {
  setMouseTracking(true);
  setFocusPolicy(Qt::StrongFocus);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setMinimumSize(400, 200);
}

void TimelineWidget::set_document(std::shared_ptr<const TraceDocument> doc, bool keep_view) {
  doc_ = std::move(doc);
  if (keep_view) {
    relayout();
    return;
  }
  cursor_.reset();
  selected_.reset();
  overlay_ = {};
  layout_options_.focus_process.reset();
  history_.clear();
  scroll_y_ = 0;
  relayout();
  fit_all();
  history_.clear();
}

void TimelineWidget::set_theme(const Theme& theme) {
  theme_ = theme;
  relayout();
}

TimelineMetrics TimelineWidget::metrics() const { return TimelineMetrics::make(theme_.font_scale, width()); }

void TimelineWidget::set_cursor(std::optional<size_t> event) {
  cursor_ = event;
  update();
}

void TimelineWidget::set_selected(std::optional<size_t> event) {
  selected_ = event;
  update();
}

void TimelineWidget::set_overlay(TimelineOverlay overlay) {
  overlay_ = std::move(overlay);
  update();
}

void TimelineWidget::set_name_filter(const QString& text) {
  layout_options_.name_filter = text.toStdString();
  relayout();
}

void TimelineWidget::set_focus_process(std::optional<uint32_t> p) {
  layout_options_.focus_process = p;
  relayout();
}

void TimelineWidget::relayout() {
  if (doc_) {
    // Few lanes grow to fill the height (up to twice the normal size), so a small teaching
    // trace reads from the back of a lecture hall; many lanes keep the normal size and scroll.
    const TimelineMetrics metrics = this->metrics();
    const int base = metrics.lane_height;
    layout_options_.lane_height = base;
    layout_options_.group_height = metrics.group_height;
    layout_ = LaneLayout(doc_->model(), layout_options_);
    const TimelineScene s = scene();
    int lanes = 0, groups = 0;
    for (const LaneRow& r : layout_.rows()) (r.kind == RowKind::Process || r.kind == RowKind::Channel ? lanes : groups)++;
    const int room = s.lanes_bottom() - s.lanes_top() - groups * layout_options_.group_height;
    if (lanes > 0 && room / lanes > base) {
      layout_options_.lane_height = std::min(room / lanes, base * 2);
      layout_ = LaneLayout(doc_->model(), layout_options_);
    }
  } else {
    layout_ = LaneLayout();
  }
  clamp_scroll();
  update();
}

int TimelineWidget::lanes_width() const {
  return std::max(1, width() - metrics().label_width);
}

TimelineScene TimelineWidget::scene() const {
  TimelineScene s;
  s.doc = doc_.get();
  s.layout = doc_ ? &layout_ : nullptr;
  s.overlay = &overlay_;
  s.theme = theme_;
  s.font = font();
  s.size = size();
  s.metrics = metrics();
  s.legend_height = Legend::height(theme_, font(), width());
  s.scroll_y = scroll_y_;
  s.scale = scale_;
  s.scale.width_px = lanes_width();
  s.cursor = cursor_;
  s.selected = selected_;
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
  const int old_width = std::max(1, e->oldSize().width() - TimelineMetrics::make(theme_.font_scale, e->oldSize().width()).label_width);
  const int new_width = lanes_width();
  if (e->oldSize().width() > 0) scale_.ns_per_px = std::max(TimeScale::kMinNsPerPx, scale_.ns_per_px * old_width / new_width);
  scale_.width_px = new_width;
  relayout();
}

void TimelineWidget::set_scale(const TimeScale& s, bool record_history) {
  if (record_history && !(s == scale_)) history_.visit(scale_);
  scale_ = s;
  scale_.width_px = lanes_width();
  update();
  emit view_changed();
}

void TimelineWidget::fit_all() {
  if (!doc_) return;
  // Waits that never end get room to the right of the last event, so "stuck" reads as a span
  // running off the end rather than a sliver at the edge.
  const double span = double(doc_->t_end() - doc_->t_begin());
  const double tail = doc_->stuck().empty() ? 0 : span * 0.22;
  set_scale(TimeScale::fit(double(doc_->t_begin()), double(doc_->t_end()) + tail, lanes_width()));
}

void TimelineWidget::zoom(double factor) { set_scale(scale_.zoomed(lanes_width() / 2.0, factor)); }

void TimelineWidget::show_range(int64_t t0, int64_t t1) {
  set_scale(TimeScale::fit(double(t0), double(t1), lanes_width()));
}

void TimelineWidget::reveal_event(size_t event) {
  if (!doc_ || event >= doc_->model().size()) return;
  const double t = double(doc_->model().time(event));
  const double x = scale_.x_of(t);
  if (x < 0 || x > lanes_width()) set_scale(scale_.centred_on(t), false);
}

void TimelineWidget::back() {
  if (auto v = history_.back(scale_)) set_scale(*v, false);
}

void TimelineWidget::forward() {
  if (auto v = history_.forward(scale_)) set_scale(*v, false);
}

void TimelineWidget::clamp_scroll() {
  const TimelineScene s = scene();
  const int visible = s.lanes_bottom() - s.lanes_top();
  scroll_y_ = std::clamp(scroll_y_, 0, std::max(0, layout_.height() - visible));
}

void TimelineWidget::wheelEvent(QWheelEvent* e) {
  const double steps = e->angleDelta().y() / 120.0;
  const double x = e->position().x() - scene().label_width();
  if (e->modifiers() & Qt::ControlModifier) {
    // One history entry per burst of wheel zooming, not one per notch.
    const auto now = std::chrono::steady_clock::now();
    const bool burst = now - last_wheel_history_ < std::chrono::milliseconds(800);
    last_wheel_history_ = now;
    set_scale(scale_.zoomed(std::max(0.0, x), std::pow(1.25, steps)), !burst);
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
    scale_ = press_scale_.panned(pos.x() - press_pos_.x());
    scale_.width_px = lanes_width();
    scroll_y_ = press_scroll_ - (pos.y() - press_pos_.y());
    clamp_scroll();
    update();
    emit view_changed();
  } else if (drag_ == Drag::Select) {
    last_pos_ = pos;
    update();  // paintEvent draws the selection band
  }
  last_pos_ = pos;
}

void TimelineWidget::mouseReleaseEvent(QMouseEvent* e) {
  const QPoint pos = e->position().toPoint();
  const Drag drag = drag_;
  drag_ = Drag::None;
  if (drag == Drag::Pan && moved_) {
    if (!(press_scale_ == scale_)) history_.visit(press_scale_);
    return;
  }
  if (drag == Drag::Select && moved_) {
    const int lw = scene().label_width();
    set_scale(scale_.selected(press_pos_.x() - lw, pos.x() - lw));
    return;
  }
  // A click: on a group header it folds the group, on a lane it selects the nearest event.
  const TimelineScene s = scene();
  if (pos.y() >= s.lanes_top() && pos.y() < s.lanes_bottom()) {
    if (const LaneRow* row = layout_.row_at(pos.y() - s.lanes_top() + scroll_y_)) {
      if (row->kind == RowKind::ProcessGroup || row->kind == RowKind::ChannelGroup) {
        auto& flag = row->kind == RowKind::ProcessGroup ? layout_options_.processes_collapsed
                                                        : layout_options_.channels_collapsed;
        flag = !flag;
        relayout();
        return;
      }
    }
  }
  if (auto ev = event_at(pos)) emit event_clicked(*ev);
}

std::optional<size_t> TimelineWidget::event_at(QPoint pos) const {
  if (!doc_) return std::nullopt;
  const TimelineScene s = scene();
  if (pos.x() < s.label_width() || pos.y() < s.lanes_top() || pos.y() >= s.lanes_bottom()) return std::nullopt;
  const LaneRow* row = layout_.row_at(pos.y() - s.lanes_top() + scroll_y_);
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

QString TimelineWidget::tooltip_at(QPoint pos) const {
  if (!doc_) return {};
  const auto& m = doc_->model();
  if (auto e = event_at(pos)) {
    const auto ev = m.event(*e);
    QString text = QString::fromStdString(csptrace::format_event(m, *e));
    text = QStringLiteral("<pre>%1</pre>").arg(text.simplified().toHtmlEscaped());
    if (ev.has(csptrace::Field::loc))
      text += QStringLiteral("at <b>%1</b>").arg(QString::fromUtf8(m.str(ev.loc).data()).toHtmlEscaped());
    return text;
  }
  const TimelineScene s = scene();
  if (const QString span = span_tooltip(pos); !span.isEmpty()) return span;
  if (pos.x() < s.label_width() && pos.y() >= s.lanes_top()) {
    const LaneRow* row = layout_.row_at(pos.y() - s.lanes_top() + scroll_y_);
    if (row && row->kind == RowKind::Process) {
      const auto& info = m.processes()[row->index];
      return QStringLiteral("process <b>%1</b> (%2)<br>spawned at %3")
          .arg(QString::fromStdString(doc_->process_label(row->index)).toHtmlEscaped(),
               QString::fromUtf8(csptrace::to_string(info.mode).data()),
               QString::fromStdString(info.loc.empty() ? std::string("?") : info.loc).toHtmlEscaped());
    }
    if (row && row->kind == RowKind::Channel) {
      const auto& info = m.channels()[row->index];
      return QStringLiteral("channel <b>%1</b>: %2, capacity %3<br>made at %4")
          .arg(QString::fromStdString(doc_->channel_label(row->index)).toHtmlEscaped(),
               QString::fromUtf8(csptrace::to_string(info.buffer).data()))
          .arg(info.cap)
          .arg(QString::fromStdString(info.loc.empty() ? std::string("?") : info.loc).toHtmlEscaped());
    }
  }
  return {};
}

QString TimelineWidget::span_tooltip(QPoint pos) const {
  // The state span under the mouse on a process lane: what the process did, since when, how long.
  const TimelineScene s = scene();
  if (!doc_->has_analysis() || pos.x() < s.label_width() || pos.y() < s.lanes_top() || pos.y() >= s.lanes_bottom())
    return {};
  const LaneRow* row = layout_.row_at(pos.y() - s.lanes_top() + scroll_y_);
  if (!row || row->kind != RowKind::Process) return {};
  const auto& iv = doc_->timeline().intervals(row->index);
  const auto t = int64_t(scale_.t_of(pos.x() - s.label_width()));
  const size_t k = doc_->timeline().first_interval_from(row->index, t);
  if (k >= iv.size() || iv[k].t_begin > t || iv[k].state == csptrace::ProcState::NotStarted) return {};
  const auto& span = iv[k];
  QString what = QString::fromUtf8(csptrace::to_string(span.state).data());
  if (csptrace::is_waiting(span.state)) {
    what += QStringLiteral(": ") + QString::fromUtf8(csptrace::to_string(span.op).data());
    if (span.chan != kNone) what += QStringLiteral(" ") + QString::fromStdString(doc_->channel_label(span.chan));
  }
  const bool last = k + 1 == iv.size();
  return QStringLiteral("<b>%1</b> %2<br>from %3%4")
      .arg(QString::fromStdString(doc_->process_label(row->index)).toHtmlEscaped(), what.toHtmlEscaped(),
           QString::fromStdString(csptrace::format_duration(span.t_begin)),
           last ? QStringLiteral(" to the end of the trace")
                : QStringLiteral(" for %1").arg(QString::fromStdString(csptrace::format_duration(span.t_end - span.t_begin))));
}

bool TimelineWidget::event(QEvent* e) {
  if (e->type() == QEvent::ToolTip) {
    auto* help = static_cast<QHelpEvent*>(e);
    const QString text = tooltip_at(help->pos());
    if (text.isEmpty()) QToolTip::hideText();
    else QToolTip::showText(help->globalPos(), text, this);
    return true;
  }
  return QWidget::event(e);
}

}  // namespace cspview
