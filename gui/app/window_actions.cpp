#include "window_actions.hpp"

#include <QMenu>
#include <QMenuBar>
#include <QStyle>
#include <QWidget>

namespace cspview {

namespace {

QAction* make(QWidget* window, const QString& text, const QKeySequence& key, const QString& tip = {}) {
  auto* a = new QAction(text, window);
  if (!key.isEmpty()) a->setShortcut(key);
  const QString plain = QString(text).remove(QLatin1Char('&')).remove(QStringLiteral("…"));
  a->setToolTip(key.isEmpty() ? (tip.isEmpty() ? plain : tip)
                              : QStringLiteral("%1 (%2)").arg(tip.isEmpty() ? plain : tip,
                                                              key.toString(QKeySequence::NativeText)));
  window->addAction(a);
  return a;
}

}  // namespace

WindowActions::WindowActions(QWidget* w) {
  open = make(w, QStringLiteral("&Open…"), QKeySequence::Open);
  export_png = make(w, QStringLiteral("Export view as &PNG…"), QKeySequence(QStringLiteral("Ctrl+E")));
  export_svg = make(w, QStringLiteral("Export view as &SVG…"), QKeySequence(QStringLiteral("Ctrl+Shift+E")));
  export_perfetto = make(w, QStringLiteral("Export trace for &Perfetto…"), {});
  quit = make(w, QStringLiteral("&Quit"), QKeySequence::Quit);

  start = make(w, QStringLiteral("Jump to start"), QKeySequence(Qt::Key_Home));
  prev_rdv = make(w, QStringLiteral("Back one rendezvous"), QKeySequence(QStringLiteral("Shift+Left")));
  prev = make(w, QStringLiteral("Back one event"), QKeySequence(Qt::Key_Left));
  play = make(w, QStringLiteral("Play"), QKeySequence(Qt::Key_Space));
  next = make(w, QStringLiteral("Forward one event"), QKeySequence(Qt::Key_Right));
  next_rdv = make(w, QStringLiteral("Forward one rendezvous"), QKeySequence(QStringLiteral("Shift+Right")));
  end = make(w, QStringLiteral("Jump to end"), QKeySequence(Qt::Key_End));
  const QStyle::StandardPixmap icons[] = {QStyle::SP_MediaSkipBackward, QStyle::SP_MediaSeekBackward,
                                          QStyle::SP_ArrowLeft,         QStyle::SP_MediaPlay,
                                          QStyle::SP_ArrowRight,        QStyle::SP_MediaSeekForward,
                                          QStyle::SP_MediaSkipForward};
  for (int i = 0; QAction* a : stepping()) a->setIcon(w->style()->standardIcon(icons[i++]));

  fit = make(w, QStringLiteral("&Fit all"), QKeySequence(Qt::Key_F), QStringLiteral("Fit the whole run"));
  zoom_in = make(w, QStringLiteral("Zoom &in"), QKeySequence(QStringLiteral("Ctrl+=")));
  zoom_out = make(w, QStringLiteral("Zoom &out"), QKeySequence(QStringLiteral("Ctrl+-")));
  back = make(w, QStringLiteral("Back"), QKeySequence(QStringLiteral("Alt+Left")), QStringLiteral("Back to the previous view"));
  forward = make(w, QStringLiteral("Forward"), QKeySequence(QStringLiteral("Alt+Right")),
                 QStringLiteral("Forward to the next view"));
  back->setIcon(w->style()->standardIcon(QStyle::SP_ArrowBack));
  forward->setIcon(w->style()->standardIcon(QStyle::SP_ArrowForward));
  back->setEnabled(false);
  forward->setEnabled(false);

  next_finding = make(w, QStringLiteral("Next finding"), QKeySequence(Qt::Key_N), QStringLiteral("Jump to the next finding"));
  next_finding->setIcon(w->style()->standardIcon(QStyle::SP_MessageBoxCritical));
  waker = make(w, QStringLiteral("Go to the waker"), QKeySequence(Qt::Key_W),
               QStringLiteral("At a resume / unblock: go to what the process that woke it did"));
  dark = make(w, QStringLiteral("&Dark theme"), QKeySequence(QStringLiteral("Ctrl+T")));
  dark->setCheckable(true);
  presentation = make(w, QStringLiteral("&Presentation mode"), QKeySequence(Qt::Key_F5));
  presentation->setCheckable(true);
  shortcuts = make(w, QStringLiteral("&Keyboard and mouse"), QKeySequence(Qt::Key_F1));
  about = make(w, QStringLiteral("&About cspview"), {});
}

QList<QAction*> WindowActions::need_trace() const {
  QList<QAction*> all = stepping();
  all << waker << fit << zoom_in << zoom_out << export_png << export_svg << export_perfetto;
  return all;
}

void WindowActions::fill_menus(QMenuBar* bar, const QList<QAction*>& panels) const {
  QMenu* file = bar->addMenu(QStringLiteral("&File"));
  file->addAction(open);
  file->addMenu(QStringLiteral("Open &recent"))->setObjectName(QStringLiteral("recent"));
  file->addSeparator();
  file->addActions({export_png, export_svg, export_perfetto});
  file->addSeparator();
  file->addAction(quit);

  QMenu* view = bar->addMenu(QStringLiteral("&View"));
  view->addActions({fit, zoom_in, zoom_out, back, forward});
  view->addSeparator();
  view->addActions({dark, presentation});
  view->addSeparator();
  view->addActions(panels);

  QMenu* go = bar->addMenu(QStringLiteral("&Go"));
  go->addActions(stepping());
  go->addSeparator();
  go->addActions({next_finding, waker});

  QMenu* help = bar->addMenu(QStringLiteral("&Help"));
  help->addActions({shortcuts, about});
}

}  // namespace cspview
