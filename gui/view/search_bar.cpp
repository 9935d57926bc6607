#include "search_bar.hpp"

#include "count_text.hpp"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QToolButton>

#include <optional>

namespace cspview {

SearchBar::SearchBar(QWidget* parent) : QWidget(parent) {
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 0, 0, 0);
  row->setSpacing(4);
  edit_ = new QLineEdit(this);
  edit_->setObjectName(QStringLiteral("search"));
  edit_->setPlaceholderText(
      QStringLiteral("search events (Ctrl+F): kind, process, channel, value, file:line, #number…"));
  edit_->setClearButtonEnabled(true);
  edit_->installEventFilter(this);
  count_ = new QLabel(this);
  count_->setMinimumWidth(
      count_->fontMetrics().horizontalAdvance(QStringLiteral("1,234,567 of 1,234,567")));
  prev_ = new QToolButton(this);
  prev_->setText(QStringLiteral("▲"));
  prev_->setToolTip(QStringLiteral("Previous match (Shift+Enter)"));
  next_ = new QToolButton(this);
  next_->setText(QStringLiteral("▼"));
  next_->setToolTip(QStringLiteral("Next match (Enter)"));
  only_ = new QCheckBox(QStringLiteral("only matches"), this);
  only_->setToolTip(QStringLiteral("Show only the matching events in the list"));
  row->addWidget(edit_, 1);
  row->addWidget(count_);
  row->addWidget(prev_);
  row->addWidget(next_);
  row->addWidget(only_);
  pause_ = new QTimer(this);
  pause_->setSingleShot(true);
  pause_->setInterval(250);
  connect(pause_, &QTimer::timeout, this, [this] {
    if (edit_->text() != sent_) emit query_changed(sent_ = edit_->text());
  });
  connect(edit_, &QLineEdit::textChanged, this, [this] { pause_->start(); });
  connect(prev_, &QToolButton::clicked, this, [this] { emit step(false); });
  connect(next_, &QToolButton::clicked, this, [this] { emit step(true); });
  connect(only_, &QCheckBox::toggled, this, &SearchBar::only_matches_toggled);
}

QString SearchBar::query() const { return edit_->text(); }

void SearchBar::focus_query() {
  edit_->setFocus(Qt::ShortcutFocusReason);
  edit_->selectAll();
}

void SearchBar::clear() {
  pause_->stop();
  edit_->clear();
  sent_.clear();
  count_->clear();
}

bool SearchBar::only_matches() const { return only_->isChecked(); }

void SearchBar::show_searching() { count_->setText(QStringLiteral("searching…")); }

void SearchBar::show_count(size_t matches, std::optional<size_t> current) {
  auto n = [](size_t v) { return QString::fromStdString(count_text(v)); };
  if (sent_.trimmed().isEmpty())
    count_->clear();
  else if (matches == 0)
    count_->setText(QStringLiteral("no match"));
  else if (current)
    count_->setText(QStringLiteral("%1 of %2").arg(n(*current + 1), n(matches)));
  else
    count_->setText(QStringLiteral("%1 %2").arg(
        n(matches), matches == 1 ? QStringLiteral("match") : QStringLiteral("matches")));
}

bool SearchBar::eventFilter(QObject* watched, QEvent* e) {
  if (watched == edit_ && e->type() == QEvent::KeyPress) {
    auto* k = static_cast<QKeyEvent*>(e);
    if (k->key() == Qt::Key_Return || k->key() == Qt::Key_Enter) {
      // A query not searched yet goes now; the step follows when its result is in.
      if (edit_->text() != sent_) {
        pause_->stop();
        emit query_changed(sent_ = edit_->text());
      }
      emit step(!(k->modifiers() & Qt::ShiftModifier));
      return true;
    }
    if (k->key() == Qt::Key_Escape && !edit_->text().isEmpty()) {
      clear();
      emit query_changed(QString());
      return true;
    }
  }
  return QWidget::eventFilter(watched, e);
}

}  // namespace cspview
