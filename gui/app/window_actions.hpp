// Every action of the main window, made in one place from one table: text, shortcut, icon and
// tooltip. The Go menu, the toolbar and the enabling of the stepping controls all read the one
// list stepping() returns, so they cannot disagree about which actions step. Shortcuts are
// added to the window itself, so they work with the menus and panels hidden (presentation).
#pragma once

#include "theme.hpp"

#include <QAction>
#include <QList>

class QMenuBar;
class QToolBar;
class QWidget;

namespace cspview {

struct WindowActions {
  explicit WindowActions(QWidget* window);

  QAction *open, *follow_file, *compare, *export_png, *export_svg, *export_perfetto, *quit;
  QAction *start, *prev_rdv, *prev, *play, *next, *next_rdv, *end;
  QAction *fit, *zoom_in, *zoom_out, *back, *forward, *follow_end;
  QAction *next_finding, *next_deviation, *prev_deviation, *waker, *follow, *search;
  QAction *dark, *presentation, *leave_presentation, *toggle_inspector, *shortcuts, *about;

  // Stepping through the run, in toolbar order: start, back a rendezvous, back an event,
  // play, forward an event, forward a rendezvous, end.
  QList<QAction*> stepping() const { return {start, prev_rdv, prev, play, next, next_rdv, end}; }
  // Moving the view (not the cursor): back, forward, fit.
  QList<QAction*> view_moves() const { return {back, forward, fit}; }
  // Everything that needs an open trace.
  QList<QAction*> need_trace() const;

  // File, View, Go and Help; `panels` are the dock toggles for the View menu.
  void fill_menus(QMenuBar* bar, const QList<QAction*>& panels) const;
  // Icons in the theme's colours (toolbar_icons.hpp); again after every change of theme.
  void set_icons(const Theme& theme, bool playing);
};

}  // namespace cspview
