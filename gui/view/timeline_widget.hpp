// The timeline: lanes per process and channel, zoom and pan like gotraceui / Perfetto, a
// cursor, selection by click, tooltips. Painting is TimelinePainter's; this class keeps the view
// state (time scale, scroll, layout options, history) and turns input into changes of it.
#pragma once

#include "lane_layout.hpp"
#include "navigation_history.hpp"
#include "theme.hpp"
#include "time_scale.hpp"
#include "timeline_overlay.hpp"
#include "timeline_scene.hpp"
#include "trace_document.hpp"

#include <QWidget>

#include <chrono>
#include <memory>
#include <optional>

namespace cspview {

class TimelineWidget : public QWidget {
  Q_OBJECT
 public:
  explicit TimelineWidget(QWidget* parent = nullptr);

  // A new trace: fits it and forgets the history. keep_view: the same trace, analysed — the
  // view, history and lane options stay.
  void set_document(std::shared_ptr<const TraceDocument> doc, bool keep_view = false);
  const TraceDocument* document() const { return doc_.get(); }
  void set_theme(const Theme& theme);
  void set_cursor(std::optional<size_t> event);
  void set_selected(std::optional<size_t> event);
  void set_overlay(TimelineOverlay overlay);
  void set_name_filter(const QString& text);
  void set_focus_process(std::optional<uint32_t> p);
  std::optional<uint32_t> focus_process() const { return layout_options_.focus_process; }

  const TimeScale& scale() const { return scale_; }
  // Changes the visible window; record_history keeps the old one for Back.
  void set_scale(const TimeScale& s, bool record_history = true);
  void fit_all();
  void zoom(double factor);  // around the centre
  // Scrolls (keeping the zoom) so that the event's time is visible.
  void reveal_event(size_t event);
  // Zooms so that the given time range fills the view (keeping history).
  void show_range(int64_t t0, int64_t t1);
  void back();
  void forward();
  bool can_back() const { return history_.can_back(); }
  bool can_forward() const { return history_.can_forward(); }

  // The scene of the current frame, for export and benchmarks.
  TimelineScene scene() const;
  // The process or channel lane under a point, and the event nearest to it on that lane.
  std::optional<size_t> event_at(QPoint pos) const;
  // The tooltip text at a point: the event there, else the state span, else the lane's name.
  QString tooltip(QPoint pos) const { return tooltip_at(pos); }

  QSize sizeHint() const override { return {900, 500}; }

 signals:
  void event_clicked(size_t event);
  void view_changed();

 protected:
  void paintEvent(QPaintEvent*) override;
  void resizeEvent(QResizeEvent*) override;
  void wheelEvent(QWheelEvent*) override;
  void mousePressEvent(QMouseEvent*) override;
  void mouseMoveEvent(QMouseEvent*) override;
  void mouseReleaseEvent(QMouseEvent*) override;
  bool event(QEvent*) override;

 private:
  void relayout();
  void clamp_scroll();
  QString tooltip_at(QPoint pos) const;
  QString span_tooltip(QPoint pos) const;
  int lanes_width() const;
  TimelineMetrics metrics() const;

  std::shared_ptr<const TraceDocument> doc_;
  Theme theme_ = Theme::make(false, false);
  LaneLayout::Options layout_options_;
  LaneLayout layout_;
  TimelineOverlay overlay_;
  TimeScale scale_;
  NavigationHistory<TimeScale> history_;
  std::chrono::steady_clock::time_point last_wheel_history_{};
  int scroll_y_ = 0;
  std::optional<size_t> cursor_, selected_;

  enum class Drag { None, Pan, Select };
  Drag drag_ = Drag::None;
  QPoint press_pos_, last_pos_;
  TimeScale press_scale_;
  int press_scroll_ = 0;
  bool moved_ = false;
};

}  // namespace cspview
