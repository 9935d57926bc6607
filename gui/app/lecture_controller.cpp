#include "lecture_controller.hpp"

#include "bookmarks_panel.hpp"
#include "event_number.hpp"
#include "lecture_file.hpp"
#include "main_window.hpp"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QFormLayout>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStatusBar>

namespace cspview {

LectureController::LectureController(MainWindow& window) : QObject(&window), w_(window) {
  dock_ = new QDockWidget(QStringLiteral("Lecture script"), &window);
  dock_->setObjectName(QStringLiteral("lecture"));
  panel_ = new BookmarksPanel(dock_);
  dock_->setWidget(panel_);
  window.addDockWidget(Qt::RightDockWidgetArea, dock_);
  dock_->hide();  // it shows when a trace has a script, or when the first bookmark is added

  auto make = [&](const QString& text, const QKeySequence& key, const QString& tip) {
    auto* a = new QAction(text, &window);
    a->setShortcut(key);
    a->setToolTip(QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
    a->setEnabled(false);
    window.addAction(a);  // works with the menus and docks hidden (presentation mode)
    return a;
  };
  add_ = make(QStringLiteral("Add &bookmark…"), QKeySequence(Qt::Key_B),
              QStringLiteral("Bookmark the event at the cursor, with a title and a note"));
  next_ = make(QStringLiteral("Next bookmark"), QKeySequence(Qt::Key_PageDown),
               QStringLiteral("The cursor to the next bookmark"));
  prev_ = make(QStringLiteral("Previous bookmark"), QKeySequence(Qt::Key_PageUp),
               QStringLiteral("The cursor to the previous bookmark"));
  connect(add_, &QAction::triggered, this, &LectureController::ask_and_add);
  connect(next_, &QAction::triggered, this, [this] { step(true); });
  connect(prev_, &QAction::triggered, this, [this] { step(false); });
  connect(panel_, &BookmarksPanel::activated, this, &LectureController::go_to);
  connect(panel_, &BookmarksPanel::remove_requested, this, &LectureController::remove);
  connect(panel_, &BookmarksPanel::add_requested, this, &LectureController::ask_and_add);
  // However the cursor got there (a step, --at, a click), the bookmark on its event is the
  // selected one, its note shown.
  connect(&window.stepper(), &StepController::moved, this, &LectureController::follow_cursor);
}

void LectureController::follow_cursor() {
  const auto at = cursor_number();
  std::optional<size_t> here;
  for (size_t i = 0; at && i < script_.bookmarks().size(); ++i)
    if (script_.bookmarks()[i].event == *at) here = i;
  panel_->set_current(here);
}

void LectureController::load_for(const QString& trace_path) {
  file_ = lecture_path(trace_path);
  error_.clear();
  if (!file_.isEmpty() && !read_lecture(file_, &script_, &error_))
    w_.statusBar()->showMessage(error_, 15000);
  if (file_.isEmpty()) script_.clear();
  panel_->set_error(error_);
  refresh();
  follow_cursor();
  if (!script_.empty() || !error_.isEmpty()) dock_->show();
}

std::optional<uint64_t> LectureController::cursor_number() const {
  const auto ev = w_.stepper().current_event();
  if (!ev || !w_.document()) return std::nullopt;
  return w_.document()->model().seq(*ev);
}

void LectureController::refresh() {
  panel_->set_script(script_);
  const bool stepping = w_.document() && w_.stepper().has_document();
  add_->setEnabled(stepping);
  next_->setEnabled(stepping && !script_.empty());
  prev_->setEnabled(stepping && !script_.empty());
}

void LectureController::save() {
  if (file_.isEmpty()) {
    error_ = QStringLiteral(
        "a trace read from standard input has no place for its lecture script; bookmarks last "
        "until it is closed");
  } else if (write_lecture(file_, script_, &error_)) {
    error_.clear();
  }
  panel_->set_error(error_);
  if (!error_.isEmpty()) w_.statusBar()->showMessage(error_, 15000);
}

bool LectureController::add_at_cursor(const QString& title, const QString& note) {
  const auto at = cursor_number();
  if (!at) {
    error_ = QStringLiteral("put the cursor on an event first (→ steps to the first one)");
    w_.statusBar()->showMessage(error_, 5000);
    return false;
  }
  const size_t i =
      script_.add(Bookmark{*at, title.trimmed().toStdString(), note.trimmed().toStdString()});
  save();
  refresh();
  panel_->set_current(i);
  dock_->show();
  return error_.isEmpty();
}

void LectureController::ask_and_add() {
  if (!cursor_number()) {
    add_at_cursor({}, {});  // says why not
    return;
  }
  QDialog dialog(&w_);
  dialog.setWindowTitle(QStringLiteral("Bookmark event #%1").arg(*cursor_number()));
  auto* form = new QFormLayout(&dialog);
  auto* title = new QLineEdit(&dialog);
  title->setPlaceholderText(QStringLiteral("the first rendezvous"));
  auto* note = new QPlainTextEdit(&dialog);
  note->setPlaceholderText(QStringLiteral("What to say at this step"));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
  form->addRow(QStringLiteral("Title"), title);
  form->addRow(QStringLiteral("Note"), note);
  form->addRow(buttons);
  connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  if (dialog.exec() == QDialog::Accepted) add_at_cursor(title->text(), note->toPlainText());
}

void LectureController::remove(size_t i) {
  script_.remove(i);
  save();
  refresh();
}

void LectureController::step(bool forward) {
  if (const auto i = script_.next(cursor_number(), forward))
    go_to(*i);
  else
    w_.statusBar()->showMessage(forward ? QStringLiteral("No bookmark after the cursor.")
                                        : QStringLiteral("No bookmark before the cursor."),
                                4000);
}

void LectureController::go_to(size_t i) {
  if (i >= script_.bookmarks().size() || !w_.document()) return;
  const Bookmark& b = script_.bookmarks()[i];
  if (const auto e = event_at_number(w_.document()->model(), b.event)) w_.seek_event(*e);
  panel_->set_current(i);  // the one chosen, also when two share an event
  w_.statusBar()->showMessage(QStringLiteral("Bookmark %1 of %2: %3")
                                  .arg(i + 1)
                                  .arg(script_.bookmarks().size())
                                  .arg(QString::fromStdString(b.title)));
}

std::optional<size_t> LectureController::event_of(const QString& title) const {
  const auto i = script_.find(title.toStdString());
  if (!i || !w_.document()) return std::nullopt;
  return event_at_number(w_.document()->model(), script_.bookmarks()[*i].event);
}

}  // namespace cspview
