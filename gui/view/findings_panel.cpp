#include "findings_panel.hpp"

#include <QLabel>
#include <QListView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace cspview {

FindingsPanel::FindingsPanel(QWidget* parent) : QSplitter(Qt::Vertical, parent) {
  model_ = new FindingsModel(this);
  auto* top = new QWidget(this);
  auto* layout = new QVBoxLayout(top);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  warning_ = new QLabel(top);
  warning_->setWordWrap(true);
  warning_->setObjectName(QStringLiteral("trace_warning"));
  warning_->setStyleSheet(
      QStringLiteral("QLabel { background: #ffe9b0; color: #6b3d00; padding: 4px; }"));
  warning_->hide();
  list_ = new QListView(top);
  list_->setModel(model_);
  list_->setWordWrap(true);
  list_->setSpacing(2);
  layout->addWidget(warning_);
  layout->addWidget(list_);
  text_ = new QTextBrowser(this);
  text_->setOpenLinks(false);
  addWidget(top);
  addWidget(text_);
  setSizes({200, 300});
  connect(list_, &QListView::clicked, this,
          [this](const QModelIndex& ix) { emit activated(ix.row()); });
  connect(text_, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
    if (auto target = FindingsModel::parse_link(url)) emit link_activated(*target);
  });
}

void FindingsPanel::set_warning(const QString& text) {
  warning_->setText(QStringLiteral("⚠ ") + text);
  warning_->setVisible(!text.isEmpty());
}

QString FindingsPanel::explanation_html() const { return text_->toHtml(); }

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
    const bool empty = doc_ && doc_->model().empty();
    const bool clean = doc_ && doc_->has_analysis() && doc_->findings().empty() && !empty;
    text_->setHtml(
        empty ? QStringLiteral("<p><b>This trace has no events.</b></p><p>Nothing was recorded, so "
                               "there is nothing to check.</p>")
        : clean
            ? QStringLiteral("<p><b>No problems found.</b></p><p>No process is stuck, no wait-for "
                             "cycle, nothing left running at the end.</p>")
            : QString());
    return;
  }
  list_->setCurrentIndex(model_->index(f));
  text_->setHtml(FindingsModel::finding_html(*doc_, size_t(f)));
}

}  // namespace cspview
