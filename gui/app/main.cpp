// cspview [FILE] [--at EVENT_INDEX] [--screenshot OUT.png] [--size WxH] [--dark] [--presentation]
#include "command_line.hpp"
#include "main_window.hpp"

#include <QApplication>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  // --screenshot works headless: without a display, render offscreen (the platform must be
  // chosen before the QApplication exists).
  if (cspview::wants_screenshot(argc, argv) && !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY"))
    setenv("QT_QPA_PLATFORM", "offscreen", 0);
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("cspscope"));
  QApplication::setApplicationName(QStringLiteral("cspview"));

  const cspview::CommandLine cl = cspview::parse_command_line(QApplication::arguments());
  if (cl.help) {
    std::fputs(qPrintable(cl.help_text), stdout);
    return 0;
  }
  if (!cl.error.isEmpty()) {
    std::fprintf(stderr, "cspview: %s\nRun cspview --help for the options.\n", qPrintable(cl.error));
    return 2;
  }

  cspview::MainWindow window;
  window.resize(cl.size);
  window.set_dark(cl.dark);
  if (cl.presentation) window.set_presentation(true);

  if (!cl.screenshot.isEmpty()) {
    window.setAttribute(Qt::WA_DontShowOnScreen);
    window.set_remember_recent(false);
    window.show();
    if (!cl.file.isEmpty()) {
      QString error;
      if (!window.open_file_now(cl.file, &error)) {
        std::fprintf(stderr, "cspview: %s\n", qPrintable(error));
        return 1;
      }
    }
    if (cl.at) window.seek_event(*cl.at);
    QApplication::processEvents();
    if (!window.grab().save(cl.screenshot, "PNG")) {
      std::fprintf(stderr, "cspview: %s: cannot write the screenshot (is the folder writable?)\n",
                   qPrintable(cl.screenshot));
      return 1;
    }
    return 0;
  }

  window.show();
  if (!cl.file.isEmpty()) {
    if (cl.at)
      QObject::connect(&window, &cspview::MainWindow::document_shown, &window,
                       [&window, at = *cl.at] { window.seek_event(at); }, Qt::SingleShotConnection);
    window.open_file(cl.file);
  }
  return app.exec();
}
