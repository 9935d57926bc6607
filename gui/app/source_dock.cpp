#include "source_dock.hpp"

#include "main_window.hpp"
#include "source_pane.hpp"

#include <QDockWidget>
#include <QFileDialog>
#include <QSettings>

namespace cspview {

namespace {

QStringList search_dirs(const QString& source_dir) {
  return {source_dir, QSettings().value(QLatin1String(kSourceFolderKey)).toString()};
}

}  // namespace

QDockWidget* add_source_dock(MainWindow& w, const QString& source_dir) {
  auto* dock = new QDockWidget(QStringLiteral("Source"), &w);
  dock->setObjectName(QStringLiteral("source"));
  auto* pane = new SourcePane(dock);
  dock->setWidget(pane);
  pane->set_search_dirs(search_dirs(source_dir));
  // Beside the inspector, which stays in front: the window's first look does not change. The
  // window keeps it there when it rearranges its docks (MainWindow::fit_docks).
  dock->setProperty(kBesideInspector, true);
  w.addDockWidget(Qt::RightDockWidgetArea, dock);
  if (auto* inspector = w.findChild<QDockWidget*>(QStringLiteral("inspector"))) {
    w.tabifyDockWidget(inspector, dock);
    inspector->raise();
  }
  const auto refresh = [&w, pane] {
    const TraceDocument* doc = w.document();
    pane->set_trace_path(doc ? QString::fromStdString(doc->model().source()) : QString());
    pane->show_event(doc, doc ? w.stepper().current_event() : std::nullopt);
  };
  QObject::connect(&w, &MainWindow::document_shown, pane, refresh);
  QObject::connect(&w.stepper(), &StepController::moved, pane, refresh);
  QObject::connect(pane, &SourcePane::pick_folder_requested, pane, [&w, pane, source_dir, refresh] {
    const QString dir =
        QFileDialog::getExistingDirectory(&w, QStringLiteral("Folder of the program's sources"));
    if (dir.isEmpty()) return;
    QSettings().setValue(QLatin1String(kSourceFolderKey), dir);
    pane->set_search_dirs(search_dirs(source_dir));
    refresh();
  });
  return dock;
}

}  // namespace cspview
