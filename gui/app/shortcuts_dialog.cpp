#include "shortcuts_dialog.hpp"

#include <QMessageBox>

namespace cspview {

void show_shortcuts_dialog(QWidget* parent, const QList<QAction*>& actions) {
  QString rows;
  for (QAction* a : actions)
    if (!a->shortcut().isEmpty())
      rows += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                  .arg(a->shortcut().toString(QKeySequence::NativeText).toHtmlEscaped(),
                       a->text().remove(QLatin1Char('&')).toHtmlEscaped());
  const QString mouse = QStringLiteral(
      "<tr><td><b>Ctrl + wheel</b></td><td>zoom around the mouse</td></tr>"
      "<tr><td><b>wheel / Shift + wheel</b></td><td>scroll lanes / pan in time</td></tr>"
      "<tr><td><b>drag</b></td><td>pan</td></tr>"
      "<tr><td><b>Shift + drag</b></td><td>zoom to the selected time range</td></tr>"
      "<tr><td><b>click</b></td><td>select the event: cursor, inspector and state panels "
      "follow</td></tr>"
      "<tr><td><b>click a group title</b></td><td>fold or unfold Processes / Channels</td></tr>");
  QMessageBox box(parent);
  box.setWindowTitle(QStringLiteral("Keyboard and mouse"));
  box.setText(QStringLiteral("<table cellspacing=4>%1%2</table>").arg(rows, mouse));
  box.exec();
}

}  // namespace cspview
