// Help → Keyboard and mouse: every action's shortcut (read from the actions themselves, so the
// list cannot drift from the keys) and the mouse gestures of the timeline.
#pragma once

#include <QAction>
#include <QList>
#include <QWidget>

namespace cspview {

void show_shortcuts_dialog(QWidget* parent, const QList<QAction*>& actions);

}  // namespace cspview
