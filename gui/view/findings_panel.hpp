// The findings dock's content: the list of findings above the explanation of the selected one.
#pragma once

#include "findings_model.hpp"
#include "trace_document.hpp"

#include <QSplitter>

#include <memory>

class QLabel;
class QListView;
class QTextBrowser;

namespace cspview {

class FindingsPanel : public QSplitter {
  Q_OBJECT
 public:
  explicit FindingsPanel(QWidget* parent = nullptr);

  void set_document(std::shared_ptr<const TraceDocument> doc);
  // A line above the list (the trace was cut short, ...); empty hides it.
  void set_warning(const QString& text);
  QString explanation_html() const;
  // Shows finding f as selected with its explanation; -1 clears the selection.
  void show_finding(int f);
  int current() const;  // -1 when none is selected
  FindingsModel* model() { return model_; }

 signals:
  void activated(int f);  // the user clicked finding f
  // The user clicked a process, channel or event the explanation names.
  void link_activated(const cspview::TextPiece& target);

 private:
  std::shared_ptr<const TraceDocument> doc_;
  FindingsModel* model_;
  QLabel* warning_;
  QListView* list_;
  QTextBrowser* text_;
};

}  // namespace cspview
