// The main window's files: opening (in the background, or at once), the recent files, drag and
// drop, and exporting the view or the trace.
#include "main_window.hpp"

#include "analysis_status.hpp"
#include "compare_window.hpp"
#include "perfetto_export.hpp"
#include "timeline_export.hpp"
#include "view_export.hpp"
#include "view_tabs.hpp"

#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QSettings>
#include <QStatusBar>

namespace cspview {

namespace {

constexpr int kMaxRecent = 8;

QString load_error_text(const QString& message) {
  return QStringLiteral(
             "%1\n\nCheck the file with `csptrace validate FILE`; the trace format is "
             "described in docs/trace-format.md.")
      .arg(message);
}

}  // namespace

QString MainWindow::choose_trace(const QString& title) {
  return QFileDialog::getOpenFileName(this, title, QFileInfo(path_).absolutePath(),
                                      QStringLiteral("Traces (*.jsonl *.csptrace);;All files (*)"));
}

void MainWindow::choose_and_open() {
  const QString path = choose_trace(QStringLiteral("Open trace"));
  if (!path.isEmpty()) open_file(path);
}

void MainWindow::open_file(const QString& path) {
  reading_past_preview_ = false;
  forget_follow();
  update_follow_status();
  if (!progress_) {
    progress_ = new QProgressDialog(this);
    progress_->setWindowTitle(QStringLiteral("cspview"));
    auto* label = new QLabel(progress_);
    label->setWordWrap(true);  // a notice is a sentence or two, not a file name
    progress_->setLabel(label);
    progress_->setMinimumWidth(480);
    progress_->setMinimumDuration(300);  // small traces open without a flash of dialog
    progress_->setAutoReset(false);
    connect(progress_, &QProgressDialog::canceled, loader_, &TraceLoadJob::cancel);
  }
  progress_->setLabelText(QStringLiteral("Loading %1…").arg(QFileInfo(path).fileName()));
  progress_->setRange(0, 1000);
  progress_->setValue(0);
  loader_->start(path);
}

void MainWindow::on_load_notice(QString text) {
  if (text.contains(QStringLiteral("is not being written"))) follow_.written = false;
  // The reader words it for a terminal; the window stops with File → Open or closing, and a
  // load with the progress dialog's Cancel.
  text.remove(QStringLiteral(" (press Ctrl-C to stop)"));
  text.replace(QStringLiteral("or press Ctrl-C"), QStringLiteral("or Cancel"));
  if (following()) {
    statusBar()->showMessage(text, 10000);
    return;
  }
  // A load that waits (for a named pipe's writer) says why in its dialog until it goes on.
  statusBar()->showMessage(text);
  if (progress_ && loader_->running()) {
    progress_->setLabelText(text);
    progress_->setRange(0, 0);  // busy, not 0%: nothing can be read until the writer comes
    progress_->show();
  }
}

bool MainWindow::open_file_now(const QString& path, QString* error) {
  forget_follow();
  update_follow_status();
  try {
    show_document(load_document(path.toStdString()), path);
    return true;
  } catch (const std::exception& e) {
    if (error) *error = QString::fromStdString(e.what());
    return false;
  }
}

void MainWindow::keep_preview_only(const QString& why) {
  const QString text = QStringLiteral("Only a preview of this trace is shown: %1").arg(why);
  timeline_->set_warning(text);
  findings_->set_warning(text);
  findings_dock_->setWindowTitle(QStringLiteral("Findings (events not read)"));
  statusBar()->showMessage(text);
}

void MainWindow::on_load_failed(const QString& message, const QString& path) {
  if (progress_) progress_->reset();
  reading_past_preview_ = false;
  analysis_status_->finish();
  emit load_failed(message);
  // A big trace's preview stays: it may be all this machine can show of it (too large to
  // view), and it says so where it is seen.
  if (doc_ && doc_->is_preview() && path == path_) keep_preview_only(message);
  // Window-modal and non-blocking: the event loop (and a load started meanwhile) goes on.
  auto* box = new QMessageBox(QMessageBox::Critical,
                              QStringLiteral("Cannot open %1").arg(QFileInfo(path).fileName()),
                              load_error_text(message), QMessageBox::Ok, this);
  box->setObjectName(QStringLiteral("load_error"));
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e) {
  if (e->mimeData()->hasUrls() && !e->mimeData()->urls().isEmpty() &&
      e->mimeData()->urls().front().isLocalFile())
    e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e) {
  const auto urls = e->mimeData()->urls();
  if (!urls.isEmpty() && urls.front().isLocalFile()) open_file(urls.front().toLocalFile());
}

void MainWindow::remember_recent(const QString& path) {
  QSettings settings;
  QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
  const QString abs = QFileInfo(path).absoluteFilePath();
  recent.removeAll(abs);
  recent.prepend(abs);
  while (recent.size() > kMaxRecent) recent.removeLast();
  settings.setValue(QStringLiteral("recentFiles"), recent);
  rebuild_recent_menu();
}

void MainWindow::rebuild_recent_menu() {
  recent_menu_->clear();
  const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
  for (const QString& p : recent)
    recent_menu_->addAction(
        QFileInfo(p).fileName() + QStringLiteral("   ") + QFileInfo(p).absolutePath(), this,
        [this, p] { open_file(p); });
  recent_menu_->setEnabled(!recent.isEmpty());
}

bool MainWindow::export_view(const QString& path, QString* error) {
  if (!doc_) {
    if (error) *error = QStringLiteral("no trace is open");
    return false;
  }
  const QString title = QStringLiteral("cspview — %1").arg(QFileInfo(path_).fileName());
  if (const CursorView* v = views_->current_view())
    return export_cursor_view(*v, path, title, error);
  return export_timeline(*timeline_, path, title, error);
}

void MainWindow::choose_and_export(bool svg) {
  const QString suffix = svg ? QStringLiteral("svg") : QStringLiteral("png");
  const QString suggested = QFileInfo(path_).completeBaseName() + QLatin1Char('.') + suffix;
  const QString path = QFileDialog::getSaveFileName(
      this, QStringLiteral("Export view"), suggested,
      svg ? QStringLiteral("SVG (*.svg)") : QStringLiteral("PNG (*.png)"));
  if (path.isEmpty()) return;
  QString error;
  if (!export_view(path, &error))
    QMessageBox::warning(this, QStringLiteral("Export failed"), error);
  else
    statusBar()->showMessage(QStringLiteral("Wrote %1").arg(path), 5000);
}

void MainWindow::choose_and_export_perfetto() {
  if (!doc_) return;
  const QString suggested = QFileInfo(path_).completeBaseName() + QStringLiteral(".perfetto.json");
  const QString path =
      QFileDialog::getSaveFileName(this, QStringLiteral("Export trace for Perfetto"), suggested,
                                   QStringLiteral("Chrome trace JSON (*.json)"));
  if (path.isEmpty()) return;
  QString error;
  if (!export_perfetto(doc_->model(), path, &error))
    QMessageBox::warning(this, QStringLiteral("Export failed"), error);
  else
    statusBar()->showMessage(QStringLiteral("Wrote %1; open it at ui.perfetto.dev").arg(path),
                             5000);
}

void MainWindow::choose_and_compare() {
  if (!doc_ || path_.isEmpty() || path_ == QLatin1String("-")) return;
  const QString other = QFileDialog::getOpenFileName(
      this, QStringLiteral("Compare with another run"), QFileInfo(path_).absolutePath(),
      QStringLiteral("Traces (*.csptrace *.jsonl);;All files (*)"));
  if (other.isEmpty()) return;
  QString error;
  if (!compare_with(other, &error))
    QMessageBox::warning(this, QStringLiteral("Cannot compare"), error);
}

CompareWindow* MainWindow::compare_with(const QString& other, QString* error) {
  if (!doc_ || path_.isEmpty() || path_ == QLatin1String("-")) {
    *error =
        QStringLiteral("open a trace from a file first; it is compared with the one you choose");
    return nullptr;
  }
  auto* window = new CompareWindow;
  window->setAttribute(Qt::WA_DeleteOnClose);
  window->resize(size());
  window->show();
  if (!window->open_now(path_, other, error)) {
    window->close();
    return nullptr;
  }
  return window;
}

}  // namespace cspview
