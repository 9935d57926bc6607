#include "window_actions.hpp"

#include "toolbar_icons.hpp"

#include <QMenu>
#include <QMenuBar>
#include <QWidget>

namespace cspview {

namespace {

QAction* make(QWidget* window, const QString& text, const QKeySequence& key,
              const QString& tip = {}) {
  auto* a = new QAction(text, window);
  if (!key.isEmpty()) a->setShortcut(key);
  const QString plain = QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…"));
  a->setToolTip(key.isEmpty()
                    ? (tip.isEmpty() ? plain : tip)
                    : QStringLiteral("%1 (%2)").arg(tip.isEmpty() ? plain : tip,
                                                    key.toString(QKeySequence::NativeText)));
  window->addAction(a);
  return a;
}

}  // namespace

WindowActions::WindowActions(QWidget* w) {
  open = make(w, QStringLiteral("&Open…"), QKeySequence::Open);
  follow_file = make(w, QStringLiteral("Fo&llow a trace being written…"),
                     QKeySequence(QStringLiteral("Ctrl+Shift+O")),
                     QStringLiteral("Open a trace that a running program is still writing, and "
                                    "keep up with it"));
  compare = make(w, QStringLiteral("&Compare with another run…"), {});
  export_png =
      make(w, QStringLiteral("Export view as &PNG…"), QKeySequence(QStringLiteral("Ctrl+E")));
  export_svg =
      make(w, QStringLiteral("Export view as &SVG…"), QKeySequence(QStringLiteral("Ctrl+Shift+E")));
  export_perfetto = make(w, QStringLiteral("Export trace for &Perfetto…"), {});
  quit = make(w, QStringLiteral("&Quit"), QKeySequence::Quit);

  start = make(w, QStringLiteral("Jump to start"), QKeySequence(Qt::Key_Home));
  prev_rdv =
      make(w, QStringLiteral("Back one rendezvous"), QKeySequence(QStringLiteral("Shift+Left")));
  prev = make(w, QStringLiteral("Back one event"), QKeySequence(Qt::Key_Left));
  play = make(w, QStringLiteral("Play"), QKeySequence(Qt::Key_Space));
  next = make(w, QStringLiteral("Forward one event"), QKeySequence(Qt::Key_Right));
  next_rdv = make(w, QStringLiteral("Forward one rendezvous"),
                  QKeySequence(QStringLiteral("Shift+Right")));
  end = make(w, QStringLiteral("Jump to end"), QKeySequence(Qt::Key_End));

  fit = make(w, QStringLiteral("&Fit all"), QKeySequence(Qt::Key_F),
             QStringLiteral("Fit the whole run"));
  zoom_in = make(w, QStringLiteral("Zoom &in"), QKeySequence(QStringLiteral("Ctrl+=")));
  zoom_out = make(w, QStringLiteral("Zoom &out"), QKeySequence(QStringLiteral("Ctrl+-")));
  back = make(w, QStringLiteral("Back"), QKeySequence(QStringLiteral("Alt+Left")),
              QStringLiteral("Back to the previous view"));
  forward = make(w, QStringLiteral("Forward"), QKeySequence(QStringLiteral("Alt+Right")),
                 QStringLiteral("Forward to the next view"));
  back->setEnabled(false);
  forward->setEnabled(false);
  follow_end = make(w, QStringLiteral("Follow the &end"), QKeySequence(QStringLiteral("Ctrl+End")),
                    QStringLiteral("Keep the newest events in view while the trace is written"));
  follow_end->setCheckable(true);
  follow_end->setVisible(false);  // only while following

  next_finding = make(w, QStringLiteral("Next finding"), QKeySequence(Qt::Key_N),
                      QStringLiteral("Jump to the next finding"));
  next_deviation =
      make(w, QStringLiteral("Next scheduler deviation"), QKeySequence(Qt::Key_D),
           QStringLiteral("Jump to the next decision where the scheduler did not run in order"));
  prev_deviation = make(
      w, QStringLiteral("Previous scheduler deviation"), QKeySequence(QStringLiteral("Shift+D")),
      QStringLiteral("Jump to the previous decision where the scheduler did not run in order"));
  waker = make(w, QStringLiteral("Go to the waker"), QKeySequence(Qt::Key_W),
               QStringLiteral("At a resume / unblock: go to what the process that woke it did"));
  follow = make(w, QStringLiteral("Follow the cursor"), QKeySequence(Qt::Key_L),
                QStringLiteral("Zoom with each step so that it and its neighbours stay readable"));
  follow->setCheckable(true);
  follow->setChecked(true);
  search = make(w, QStringLiteral("&Search events…"), QKeySequence::Find,
                QStringLiteral("Search every event; Enter / Shift+Enter step through the matches"));
  dark = make(w, QStringLiteral("&Dark theme"), QKeySequence(QStringLiteral("Ctrl+T")));
  dark->setCheckable(true);
  presentation = make(w, QStringLiteral("&Presentation mode"), QKeySequence(Qt::Key_F5),
                      QStringLiteral("Full screen, large type, for a projector"));
  presentation->setCheckable(true);
  // Esc leaves presentation mode; enabled only while in it, so Esc stays free otherwise.
  leave_presentation =
      make(w, QStringLiteral("Leave presentation mode"), QKeySequence(Qt::Key_Escape));
  leave_presentation->setEnabled(false);
  toggle_inspector =
      make(w, QStringLiteral("Show the &Inspector"), QKeySequence(QStringLiteral("Ctrl+I")),
           QStringLiteral("Show or hide the Inspector, also in presentation mode"));
  shortcuts = make(w, QStringLiteral("&Keyboard and mouse"), QKeySequence(Qt::Key_F1));
  about = make(w, QStringLiteral("&About cspview"), {});
}

QList<QAction*> WindowActions::need_trace() const {
  QList<QAction*> all = stepping();
  all << waker << fit << zoom_in << zoom_out << compare << export_png << export_svg
      << export_perfetto << search;
  return all;
}

void WindowActions::fill_menus(QMenuBar* bar, const QList<QAction*>& panels) const {
  QMenu* file = bar->addMenu(QStringLiteral("&File"));
  file->addAction(open);
  file->addAction(follow_file);
  file->addMenu(QStringLiteral("Open &recent"))->setObjectName(QStringLiteral("recent"));
  file->addAction(compare);
  file->addSeparator();
  file->addActions({export_png, export_svg, export_perfetto});
  file->addSeparator();
  file->addAction(quit);

  QMenu* view = bar->addMenu(QStringLiteral("&View"));
  view->addActions({fit, zoom_in, zoom_out, back, forward, follow_end});
  view->addSeparator();
  view->addActions({dark, presentation, follow});
  view->addSeparator();
  view->addActions(panels);
  view->addAction(toggle_inspector);

  QMenu* go = bar->addMenu(QStringLiteral("&Go"));
  go->addActions(stepping());
  go->addSeparator();
  go->addActions({next_finding, next_deviation, prev_deviation, waker, search});

  QMenu* help = bar->addMenu(QStringLiteral("&Help"));
  help->addActions({shortcuts, about});
}

void WindowActions::set_icons(const Theme& theme, bool playing) {
  const std::pair<QAction*, ToolIcon> icons[] = {{open, ToolIcon::Open},
                                                 {start, ToolIcon::ToStart},
                                                 {prev_rdv, ToolIcon::PrevRendezvous},
                                                 {prev, ToolIcon::PrevEvent},
                                                 {play, playing ? ToolIcon::Pause : ToolIcon::Play},
                                                 {next, ToolIcon::NextEvent},
                                                 {next_rdv, ToolIcon::NextRendezvous},
                                                 {end, ToolIcon::ToEnd},
                                                 {back, ToolIcon::ViewBack},
                                                 {forward, ToolIcon::ViewForward},
                                                 {fit, ToolIcon::Fit},
                                                 {next_finding, ToolIcon::NextFinding},
                                                 {follow, ToolIcon::Follow}};
  for (const auto& [a, icon] : icons) a->setIcon(toolbar_icon(icon, theme));
}

}  // namespace cspview
