// The findings dock's content: the list of findings above the explanation of the selected one.
#pragma once

#include "findings_model.hpp"
#include "trace_document.hpp"

#include <QSplitter>

#include <memory>

class QListView;
class QTextBrowser;

namespace cspview {

class FindingsPanel : public QSplitter {
  Q_OBJECT
 public:
  explicit FindingsPanel(QWidget* parent = nullptr);

  void set_document(std::shared_ptr<const TraceDocument> doc);
  // Shows finding f as selected with its explanation; -1 clears the selection.
  void show_finding(int f);
  int current() const;  // -1 when none is selected
  FindingsModel* model() { return model_; }

 signals:
  void activated(int f);  // the user clicked finding f

 private:
  std::shared_ptr<const TraceDocument> doc_;
  FindingsModel* model_;
  QListView* list_;
  QTextBrowser* text_;
};

}  // namespace cspview
