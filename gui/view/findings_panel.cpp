#include "findings_panel.hpp"

#include <QListView>
#include <QTextBrowser>

namespace cspview {

FindingsPanel::FindingsPanel(QWidget* parent) : QSplitter(Qt::Vertical, parent) {
  model_ = new FindingsModel(this);
  list_ = new QListView(this);
  list_->setModel(model_);
  list_->setWordWrap(true);
  list_->setSpacing(2);
  text_ = new QTextBrowser(this);
  addWidget(list_);
  addWidget(text_);
  setSizes({200, 300});
  connect(list_, &QListView::clicked, this, [this](const QModelIndex& ix) { emit activated(ix.row()); });
}

void FindingsPanel::set_document(std::shared_ptr<const TraceDocument> doc) {
  doc_ = std::move(doc);
  model_->set_document(doc_);
  show_finding(-1);
}

int FindingsPanel::current() const {
  return list_->currentIndex().isValid() ? list_->currentIndex().row() : -1;
}

void FindingsPanel::show_finding(int f) {
  if (!doc_ || f < 0 || size_t(f) >= doc_->findings().size()) {
    list_->setCurrentIndex({});
    list_->clearSelection();
    const bool clean = doc_ && doc_->has_analysis() && doc_->findings().empty();
    text_->setHtml(clean ? QStringLiteral("<p><b>No problems found.</b></p><p>No process is stuck, no wait-for "
                                          "cycle, nothing left running at the end.</p>")
                         : QString());
    return;
  }
  list_->setCurrentIndex(model_->index(f));
  text_->setHtml(FindingsModel::finding_html(*doc_, size_t(f)));
}

}  // namespace cspview
