// The event list's view: a table that paints only the rows on screen, straight from the model.
// A QTableView keeps a record per row in its vertical header — for 6 M events that is ~50 MB
// and 0.3 s at every reset or change of row height; this view keeps none, so opening, resizing
// and presentation mode cost the visible rows only.
//
// It shows any QAbstractTableModel (EventListModel here): the header texts, DisplayRole,
// ForegroundRole, FontRole and TextAlignmentRole. One row is current; ↑/↓, Page Up/Down,
// Home/End and clicks move it and emit current_row_changed.
//
// Invariants: 0 <= top_row() <= max(0, rows - visible rows); current_row() is -1 or a row.
#pragma once

#include <QAbstractScrollArea>
#include <QPointer>
#include <QVector>

class QAbstractItemModel;

namespace cspview {

class EventListView : public QAbstractScrollArea {
  Q_OBJECT
 public:
  explicit EventListView(QWidget* parent = nullptr);

  void set_model(QAbstractItemModel* model);
  QAbstractItemModel* model() const { return model_; }

  int current_row() const { return current_; }
  // Makes `row` current and scrolls it into view; quiet: no current_row_changed.
  void set_current_row(int row, bool quiet = true);
  void clear_current();
  void scroll_to_row(int row);
  void scroll_to_top();
  int top_row() const;
  int row_height() const;
  int visible_rows() const;

  // Column widths in pixels; the last column takes what is left.
  void set_column_width(int column, int width);
  int column_width(int column) const;

  QSize sizeHint() const override { return {600, 200}; }

 signals:
  void current_row_changed(int row);

 protected:
  void paintEvent(QPaintEvent*) override;
  void resizeEvent(QResizeEvent*) override;
  void keyPressEvent(QKeyEvent*) override;
  void mousePressEvent(QMouseEvent*) override;
  bool viewportEvent(QEvent*) override;
  bool event(QEvent*) override;
  void changeEvent(QEvent*) override;

 private:
  void update_scrollbar();
  void move_current(int row);
  int rows() const;
  int header_height() const;

  QPointer<QAbstractItemModel> model_;
  QVector<int> widths_;
  int current_ = -1;
};

}  // namespace cspview
