// The source pane as a dock of the main window, tabbed with the inspector: it follows the
// window's cursor and the opened trace, searches --source-dir and then the folder the user
// picked once (remembered in QSettings under "source/folder").
#pragma once

#include <QString>

class QDockWidget;

namespace cspview {

class MainWindow;

inline constexpr const char* kSourceFolderKey = "source/folder";

// source_dir: the --source-dir option, empty when not given. Returns the dock (owned by w).
QDockWidget* add_source_dock(MainWindow& w, const QString& source_dir);

}  // namespace cspview
