#include "event_list_view.hpp"

#include <QAbstractItemModel>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>

namespace cspview {

EventListView::EventListView(QWidget* parent) : QAbstractScrollArea(parent) {
  setFocusPolicy(Qt::StrongFocus);
  setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  verticalScrollBar()->setSingleStep(1);
  connect(verticalScrollBar(), &QScrollBar::valueChanged, viewport(),
          qOverload<>(&QWidget::update));
}

void EventListView::set_model(QAbstractItemModel* model) {
  if (model_) disconnect(model_, nullptr, this, nullptr);
  model_ = model;
  current_ = -1;
  if (model_) {
    auto reset = [this] {
      current_ = -1;
      update_scrollbar();
      viewport()->update();
    };
    connect(model_, &QAbstractItemModel::modelReset, this, reset);
    connect(model_, &QAbstractItemModel::rowsInserted, this, reset);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, reset);
    connect(model_, &QAbstractItemModel::dataChanged, viewport(), qOverload<>(&QWidget::update));
    widths_.resize(model_->columnCount());
  }
  update_scrollbar();
  viewport()->update();
}

int EventListView::rows() const { return model_ ? model_->rowCount() : 0; }
int EventListView::row_height() const { return fontMetrics().height() + 6; }
int EventListView::header_height() const { return fontMetrics().height() + 8; }
int EventListView::visible_rows() const {
  return std::max(1, (viewport()->height() - header_height()) / row_height());
}
int EventListView::top_row() const { return verticalScrollBar()->value(); }

void EventListView::update_scrollbar() {
  verticalScrollBar()->setRange(0, std::max(0, rows() - visible_rows()));
  verticalScrollBar()->setPageStep(visible_rows());
}

void EventListView::set_column_width(int column, int width) {
  if (column < 0) return;
  if (widths_.size() <= column) widths_.resize(column + 1);
  widths_[column] = width;
  viewport()->update();
}

int EventListView::column_width(int column) const {
  return column >= 0 && column < widths_.size() ? widths_[column] : 0;
}

void EventListView::scroll_to_row(int row) {
  if (row < 0 || row >= rows()) return;
  const int top = top_row(), n = visible_rows();
  if (row < top)
    verticalScrollBar()->setValue(row);
  else if (row >= top + n)
    verticalScrollBar()->setValue(row - n + 1);
}

void EventListView::scroll_to_top() { verticalScrollBar()->setValue(0); }

void EventListView::set_current_row(int row, bool quiet) {
  if (row < 0 || row >= rows()) return;
  current_ = row;
  scroll_to_row(row);
  viewport()->update();
  if (!quiet) emit current_row_changed(row);
}

void EventListView::clear_current() {
  current_ = -1;
  viewport()->update();
}

void EventListView::move_current(int row) {
  if (rows() == 0) return;
  row = std::clamp(row, 0, rows() - 1);
  if (row != current_) set_current_row(row, false);
}

void EventListView::keyPressEvent(QKeyEvent* e) {
  const int page = std::max(1, visible_rows() - 1);
  switch (e->key()) {
    case Qt::Key_Down: move_current(current_ + 1); break;
    case Qt::Key_Up: move_current(current_ < 0 ? 0 : current_ - 1); break;
    case Qt::Key_PageDown: move_current(current_ + page); break;
    case Qt::Key_PageUp: move_current(current_ - page); break;
    case Qt::Key_Home: move_current(0); break;
    case Qt::Key_End: move_current(rows() - 1); break;
    default: QAbstractScrollArea::keyPressEvent(e); return;
  }
  e->accept();
}

bool EventListView::event(QEvent* e) {
  // The list's own keys win over the window's shortcuts (Home / End jump the list's cursor,
  // which is the run's cursor: the same place either way).
  if (e->type() == QEvent::ShortcutOverride) {
    auto* k = static_cast<QKeyEvent*>(e);
    if (k->modifiers() == Qt::NoModifier &&
        (k->key() == Qt::Key_Up || k->key() == Qt::Key_Down || k->key() == Qt::Key_PageUp ||
         k->key() == Qt::Key_PageDown || k->key() == Qt::Key_Home || k->key() == Qt::Key_End)) {
      e->accept();
      return true;
    }
  }
  return QAbstractScrollArea::event(e);
}

void EventListView::mousePressEvent(QMouseEvent* e) {
  const int y = int(e->position().y()) - header_height();
  if (y < 0 || !model_) return;
  const int row = top_row() + y / row_height();
  if (row < rows()) move_current(row);
  setFocus(Qt::MouseFocusReason);
}

bool EventListView::viewportEvent(QEvent* e) {
  if (e->type() == QEvent::Wheel) {
    // Three rows a notch, as item views do.
    auto* w = static_cast<QWheelEvent*>(e);
    verticalScrollBar()->setValue(top_row() - w->angleDelta().y() / 40);
    return true;
  }
  if (e->type() == QEvent::MouseButtonPress) {
    mousePressEvent(static_cast<QMouseEvent*>(e));
    return true;
  }
  return QAbstractScrollArea::viewportEvent(e);
}

void EventListView::resizeEvent(QResizeEvent* e) {
  QAbstractScrollArea::resizeEvent(e);
  update_scrollbar();
}

void EventListView::changeEvent(QEvent* e) {
  if (e->type() == QEvent::FontChange) update_scrollbar();
  QAbstractScrollArea::changeEvent(e);
}

void EventListView::paintEvent(QPaintEvent*) {
  QPainter p(viewport());
  const QPalette& pal = palette();
  const int w = viewport()->width(), rh = row_height(), hh = header_height();
  p.fillRect(viewport()->rect(), pal.base());
  if (!model_) return;
  const int columns = model_->columnCount();
  // Column edges: fixed widths, the last one stretches.
  QVector<int> x(columns + 1, 0);
  for (int c = 0; c < columns; ++c)
    x[c + 1] = x[c] + (c + 1 < columns ? column_width(c) : std::max(40, w - x[c]));
  p.fillRect(QRect(0, 0, w, hh), pal.button());
  p.setPen(pal.buttonText().color());
  QFont bold = font();
  bold.setBold(true);
  p.setFont(bold);
  for (int c = 0; c < columns; ++c) {
    const QRect cell(x[c] + 4, 0, x[c + 1] - x[c] - 8, hh);
    p.drawText(cell, Qt::AlignVCenter | Qt::AlignLeft,
               model_->headerData(c, Qt::Horizontal).toString());
    p.setPen(pal.mid().color());
    p.drawLine(x[c + 1] - 1, 0, x[c + 1] - 1, hh);
    p.setPen(pal.buttonText().color());
  }
  const int first = top_row(), last = std::min(rows(), first + visible_rows() + 1);
  for (int r = first; r < last; ++r) {
    const int y = hh + (r - first) * rh;
    const bool current = r == current_;
    if (current)
      p.fillRect(QRect(0, y, w, rh), pal.highlight());
    else if ((r & 1) == 1)
      p.fillRect(QRect(0, y, w, rh), pal.alternateBase());
    for (int c = 0; c < columns; ++c) {
      const QModelIndex ix = model_->index(r, c);
      const QString text = model_->data(ix, Qt::DisplayRole).toString();
      if (text.isEmpty()) continue;
      const QVariant colour = model_->data(ix, Qt::ForegroundRole);
      const QVariant cell_font = model_->data(ix, Qt::FontRole);
      const QVariant align = model_->data(ix, Qt::TextAlignmentRole);
      QFont f = font();
      if (cell_font.isValid()) f.setBold(cell_font.value<QFont>().bold());
      p.setFont(f);
      p.setPen(current            ? pal.highlightedText().color()
               : colour.isValid() ? colour.value<QColor>()
                                  : pal.text().color());
      const QRect cell(x[c] + 4, y, x[c + 1] - x[c] - 8, rh);
      const Qt::Alignment a =
          align.isValid() ? Qt::Alignment(align.toInt()) : (Qt::AlignVCenter | Qt::AlignLeft);
      p.drawText(cell, int(a), QFontMetrics(f).elidedText(text, Qt::ElideRight, cell.width()));
    }
  }
}

}  // namespace cspview
