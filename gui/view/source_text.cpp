#include "source_text.hpp"

#include <algorithm>

#include <QPaintEvent>
#include <QPainter>
#include <QTextBlock>

namespace cspview {

namespace {

class Gutter : public QWidget {
 public:
  explicit Gutter(SourceText* text) : QWidget(text), text_(text) {}
  QSize sizeHint() const override { return {text_->gutter_width(), 0}; }

 protected:
  void paintEvent(QPaintEvent* e) override { text_->paint_gutter(e); }

 private:
  SourceText* text_;
};

}  // namespace

SourceText::SourceText(QWidget* parent) : QPlainTextEdit(parent), gutter_(new Gutter(this)) {
  setReadOnly(true);
  setLineWrapMode(QPlainTextEdit::NoWrap);
  connect(this, &QPlainTextEdit::blockCountChanged, this,
          [this] { setViewportMargins(gutter_width(), 0, 0, 0); });
  connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect& r, int dy) {
    if (dy)
      gutter_->scroll(0, dy);
    else
      gutter_->update(0, r.y(), gutter_->width(), r.height());
  });
  setViewportMargins(gutter_width(), 0, 0, 0);
}

int SourceText::gutter_width() const {
  const int digits = QString::number(std::max(1, blockCount())).size();
  return 10 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void SourceText::resizeEvent(QResizeEvent* e) {
  QPlainTextEdit::resizeEvent(e);
  const QRect cr = contentsRect();
  gutter_->setGeometry(QRect(cr.left(), cr.top(), gutter_width(), cr.height()));
}

void SourceText::paint_gutter(QPaintEvent* e) {
  QPainter p(gutter_);
  p.fillRect(e->rect(), palette().color(QPalette::AlternateBase));
  p.setPen(palette().color(QPalette::PlaceholderText));
  QTextBlock block = firstVisibleBlock();
  int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
  const int h = fontMetrics().height();
  while (block.isValid() && top <= e->rect().bottom()) {
    if (block.isVisible())
      p.drawText(0, top, gutter_->width() - 5, h, Qt::AlignRight | Qt::AlignVCenter,
                 QString::number(block.blockNumber() + 1));
    top += qRound(blockBoundingRect(block).height());
    block = block.next();
  }
}

}  // namespace cspview
