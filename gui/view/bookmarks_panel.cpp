#include "bookmarks_panel.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace cspview {

BookmarksPanel::BookmarksPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  error_ = new QLabel(this);
  error_->setWordWrap(true);
  error_->setStyleSheet(QStringLiteral("color: #d01010"));
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  error_->hide();
  list_ = new QListWidget(this);
  list_->setObjectName(QStringLiteral("bookmarks"));
  note_ = new QLabel(this);
  note_->setWordWrap(true);
  note_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  note_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  auto* buttons = new QHBoxLayout;
  add_ = new QPushButton(QStringLiteral("Add at cursor (B)"), this);
  remove_ = new QPushButton(QStringLiteral("Remove"), this);
  buttons->addWidget(add_);
  buttons->addWidget(remove_);
  buttons->addStretch();
  layout->addWidget(error_);
  layout->addWidget(list_, 3);
  layout->addWidget(note_, 1);
  layout->addLayout(buttons);
  connect(list_, &QListWidget::itemActivated, this,
          [this](QListWidgetItem* item) { emit activated(size_t(list_->row(item))); });
  connect(list_, &QListWidget::currentRowChanged, this, [this](int row) {
    note_->setText(row >= 0 && size_t(row) < notes_.size()
                       ? QString::fromStdString(notes_[size_t(row)])
                       : QString());
  });
  connect(add_, &QPushButton::clicked, this, &BookmarksPanel::add_requested);
  connect(remove_, &QPushButton::clicked, this, [this] {
    if (list_->currentRow() >= 0) emit remove_requested(size_t(list_->currentRow()));
  });
}

void BookmarksPanel::set_script(const LectureScript& script) {
  const QSignalBlocker quiet(list_);
  list_->clear();
  notes_.clear();
  for (const Bookmark& b : script.bookmarks()) {
    list_->addItem(QStringLiteral("#%1  %2").arg(b.event).arg(QString::fromStdString(b.title)));
    notes_.push_back(b.note);
  }
  note_->clear();
  remove_->setEnabled(!script.empty());
}

void BookmarksPanel::set_current(std::optional<size_t> i) {
  if (i && *i < notes_.size()) {
    list_->setCurrentRow(int(*i));
  } else {
    list_->clearSelection();
    list_->setCurrentRow(-1);
    note_->clear();
  }
}

void BookmarksPanel::set_error(const QString& text) {
  error_->setText(text);
  error_->setVisible(!text.isEmpty());
}

QString BookmarksPanel::error() const { return error_->text(); }

int BookmarksPanel::count() const { return list_->count(); }

}  // namespace cspview
