// The timeline: lanes per process and channel, zoom and pan like gotraceui / Perfetto, a
// cursor with its story (the current hand-over highlighted, the step in words), search
// matches, a finding's overlay, selection by click, tooltips. Painting is TimelinePainter's;
// this class keeps the view state (time scale, scroll, layout options, history) and turns
// input into changes of it.
//
// Invariants: the view never leaves the trace (TimeScale::bounded by the document's RunSpan:
// no negative time, the idle tail reachable but never most of the screen); every history
// entry is a place (view and cursor) the user can go back to.
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

// A place in the run the user looked at: the view and where the cursor stood.
struct ViewPlace {
  TimeScale scale;
  std::optional<size_t> cursor;
  bool operator==(const ViewPlace&) const = default;
};

class TimelineWidget : public QWidget {
  Q_OBJECT
 public:
  explicit TimelineWidget(QWidget* parent = nullptr);

  // A new trace: fits its run and forgets the history. keep_view: the same trace, analysed —
  // the view, history and lane options stay.
  void set_document(std::shared_ptr<const TraceDocument> doc, bool keep_view = false);
  const TraceDocument* document() const { return doc_.get(); }
  void set_theme(const Theme& theme);
  // Moves the cursor and its story; with follow (and following on) the view keeps the step
  // and its neighbours readable (follow_view), else it only scrolls the step into view.
  void set_cursor(std::optional<size_t> event, bool follow = false);
  void set_selected(std::optional<size_t> event);
  void set_overlay(TimelineOverlay overlay);
  void set_matches(std::shared_ptr<const SearchResult> matches);
  void set_warning(const QString& text);
  const QString& warning() const { return warning_; }
  void set_name_filter(const QString& text);
  // Only the lanes that interact with process p (interactions_of(model, p), made by the
  // caller, off the GUI thread for a big trace), or every lane (nullopt).
  void set_focus_process(std::optional<uint32_t> p, std::shared_ptr<const Interactions> in);
  std::optional<uint32_t> focus_process() const { return layout_options_.focus_process; }
  const LaneLayout& lane_layout() const { return layout_; }
  void set_follow_cursor(bool on) { follow_cursor_ = on; }
  bool follow_cursor() const { return follow_cursor_; }
  const StoryStep& story() const { return story_; }

  const TimeScale& scale() const { return scale_; }
  // Changes the visible window (kept within the trace); record_history keeps the old place.
  void set_scale(const TimeScale& s, bool record_history = true);
  void fit_all();
  // Zooms around the cursor when it is in view, else around the centre.
  void zoom(double factor);
  // Zooms so that the given time range fills the view (keeping history).
  void show_range(int64_t t0, int64_t t1);
  // Records the current place, before a jump (next finding, waker, a link).
  void remember_place();
  void back();
  void forward();
  bool can_back() const { return history_.can_back(); }
  bool can_forward() const { return history_.can_forward(); }

  // The scene of the current frame, for export and benchmarks.
  TimelineScene scene() const;
  // The process or channel lane under a point, and the event nearest to it on that lane.
  std::optional<size_t> event_at(QPoint pos) const;
  // What a click at pos leads to: an event marker, else an arrow's curve (its transfer), a
  // wait-for cycle edge or a stuck span (the park that began the wait), else the state span
  // (the event that began it). jump is true for the ones that leave the spot clicked.
  struct ClickTarget {
    size_t event = 0;
    bool jump = false;
  };
  std::optional<ClickTarget> click_target(QPoint pos) const;
  // The tooltip text at a point.
  QString tooltip(QPoint pos) const { return tooltip_at(pos); }

  QSize sizeHint() const override { return {900, 500}; }

 signals:
  void event_clicked(size_t event);
  // A click that leads elsewhere (a cycle edge, a stuck span): the window records the place.
  void jump_requested(size_t event);
  // Back / forward restored a place whose cursor differs from the current one.
  void cursor_requested(std::optional<size_t> event);
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
  TimeScale within_trace(TimeScale s) const;
  // Keeps the visible time range when the lanes' width changes (resize, the cycle strip).
  void rewidth(int old_width);
  void restore(const ViewPlace& place);
  ViewPlace place() const { return {scale_, cursor_}; }
  QString tooltip_at(QPoint pos) const;
  QString span_tooltip(QPoint pos) const;
  QString fold_tooltip(QPoint pos) const;
  std::optional<size_t> span_cause_at(QPoint pos) const;
  std::optional<size_t> stuck_park_at(QPoint pos) const;
  std::optional<size_t> arrow_at(QPoint pos) const;
  // The scheduler deviation whose badge is under a point (its decide event).
  std::optional<size_t> deviation_at(QPoint pos) const;
  int caption_height() const;
  int strip_width() const { return strip_width_for(width()); }
  int lanes_width() const { return lanes_width_for(width()); }
  int strip_width_for(int widget_width) const;
  int lanes_width_for(int widget_width) const;
  TimelineMetrics metrics() const;

  std::shared_ptr<const TraceDocument> doc_;
  std::shared_ptr<const SearchResult> matches_;
  Theme theme_ = Theme::make(false, false);
  LaneLayout::Options layout_options_;
  LaneLayout layout_;
  TimelineOverlay overlay_;
  TimeScale scale_;
  NavigationHistory<ViewPlace> history_;
  std::chrono::steady_clock::time_point last_wheel_history_{};
  int scroll_y_ = 0;
  std::optional<size_t> cursor_, selected_;
  StoryStep story_;
  QString warning_;
  bool follow_cursor_ = true;

  enum class Drag { None, Pan, Select };
  Drag drag_ = Drag::None;
  QPoint press_pos_, last_pos_;
  TimeScale press_scale_;
  int press_scroll_ = 0;
  bool moved_ = false;
};

}  // namespace cspview
