// The source pane's text: a read-only editor with a gutter of line numbers, as a debugger shows
// a file, so the highlighted line's number can be read off beside it.
#pragma once

#include <QPlainTextEdit>

namespace cspview {

class SourceText : public QPlainTextEdit {
  Q_OBJECT
 public:
  explicit SourceText(QWidget* parent = nullptr);

  int gutter_width() const;
  // Paints the numbers of the visible lines into the gutter widget (called by it).
  void paint_gutter(QPaintEvent* e);

 protected:
  void resizeEvent(QResizeEvent* e) override;

 private:
  QWidget* gutter_ = nullptr;
};

}  // namespace cspview
