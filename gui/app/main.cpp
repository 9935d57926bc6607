// cspview [FILE] [--at EVENT] [--screenshot OUT.png [--view-json OUT.json]] [--size WxH] [--dark]
//         [--presentation]
#include "command_line.hpp"
#include "event_number.hpp"
#include "main_window.hpp"

#include <QApplication>
#include <QFile>
#include <QJsonDocument>

#include <cstdio>
#include <cstdlib>

namespace {

// The event index of --at's number (the last event numbered at or before it), or nullopt.
std::optional<size_t> at_index(const cspview::MainWindow& w, uint64_t number) {
  if (!w.document()) return std::nullopt;
  return cspview::event_at_number(w.document()->model(), number);
}

}  // namespace

int main(int argc, char** argv) {
  // --screenshot works headless: without a display, render offscreen (the platform must be
  // chosen before the QApplication exists).
  if (cspview::wants_screenshot(argc, argv) && !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY"))
    setenv("QT_QPA_PLATFORM", "offscreen", 0);
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("cspscope"));
  QApplication::setApplicationName(QStringLiteral("cspview"));
  QApplication::setApplicationVersion(QStringLiteral(CSPVIEW_VERSION));
  QApplication::setDesktopFileName(QStringLiteral("cspview"));

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

  if (!cl.screenshot.isEmpty()) {
    window.setAttribute(Qt::WA_DontShowOnScreen);
    window.set_remember_recent(false);
    window.show();
    if (cl.presentation) window.set_presentation(true);
    if (!cl.file.isEmpty()) {
      QString error;
      if (!window.open_file_now(cl.file, &error)) {
        std::fprintf(stderr, "cspview: %s\n", qPrintable(error));
        return 1;
      }
    }
    if (cl.at) {
      if (auto e = at_index(window, *cl.at)) window.seek_event(*e);
      else window.stepper().to_start();
    }
    QApplication::processEvents();
    if (!window.grab().save(cl.screenshot, "PNG")) {
      std::fprintf(stderr, "cspview: %s: cannot write the screenshot (is the folder writable?)\n",
                   qPrintable(cl.screenshot));
      return 1;
    }
    if (!cl.view_json.isEmpty()) {
      QFile f(cl.view_json);
      if (!f.open(QIODevice::WriteOnly) ||
          f.write(QJsonDocument(window.view_json()).toJson(QJsonDocument::Indented)) < 0) {
        std::fprintf(stderr, "cspview: %s: cannot write the view JSON (is the folder writable?)\n",
                     qPrintable(cl.view_json));
        return 1;
      }
    }
    return 0;
  }

  window.show();
  if (cl.presentation) window.set_presentation(true);
  if (!cl.file.isEmpty()) {
    if (cl.at)
      QObject::connect(&window, &cspview::MainWindow::document_shown, &window, [&window, at = *cl.at] {
        if (auto e = at_index(window, at)) window.seek_event(*e);
      }, Qt::SingleShotConnection);
    window.open_file(cl.file);
  }
  return app.exec();
}
