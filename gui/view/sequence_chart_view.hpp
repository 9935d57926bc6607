// The sequence chart as a view on the window's cursor: lifelines, rendezvous arrows labelled
// with their values, waits as bars, a deadlock in red (sequence_layout.hpp has what is drawn,
// sequence_frame.hpp where, sequence_painter.hpp how). A click on a row asks for the cursor
// there; the wheel scrolls a long chart until the next step brings the cursor's row back.
// The context menu toggles real-time spacing and channel lifelines.
#pragma once

#include "cursor_view.hpp"
#include "sequence_frame.hpp"
#include "sequence_layout.hpp"

#include <QAction>

namespace cspview {

class SequenceChartView : public CursorView {
  Q_OBJECT
 public:
  explicit SequenceChartView(QWidget* parent = nullptr);

  QString view_name() const override { return QStringLiteral("sequence"); }
  void set_document(std::shared_ptr<const TraceDocument> doc) override;
  void set_cursor(std::optional<size_t> event, const csptrace::ReplayState* state) override;
  QSize frame_size() const override;
  void paint_frame(QPainter& painter) const override;
  QJsonObject describe() const override;
  void set_theme(const Theme& theme) override;

  void set_real_time(bool on);
  bool real_time() const { return real_time_; }
  void set_channel_lifelines(bool on);
  bool channel_lifelines() const;
  // The chart of the document, built when first needed: a tab that is never shown costs a
  // trace nothing when it opens.
  const SequenceLayout& layout() const;
  // The frame as drawn at the widget's current size.
  SequenceFrame frame() const;

 protected:
  void paintEvent(QPaintEvent* e) override;
  void mousePressEvent(QMouseEvent* e) override;
  void wheelEvent(QWheelEvent* e) override;
  void contextMenuEvent(QContextMenuEvent* e) override;
  void resizeEvent(QResizeEvent* e) override;

 private:
  SequenceMetrics metrics() const;
  void rebuild();

  std::shared_ptr<const TraceDocument> doc_;
  mutable SequenceLayout layout_;
  mutable bool stale_ = true;  // layout_ is not the chart of doc_ with the options asked
  std::optional<size_t> cursor_;
  bool real_time_ = false;
  bool scrolled_ = false;         // the wheel moved the window away from the cursor's row
  mutable size_t first_row_ = 0;  // the window's first row, kept while the cursor stays inside
  QAction* real_time_action_ = nullptr;
  QAction* channels_action_ = nullptr;
};

}  // namespace cspview
