// cspview [FILE] [--at EVENT] [--view BEGIN:END] [--screenshot OUT.png [--view-json OUT.json]]
//         [--size WxH] [--dark] [--presentation]
#include "command_line.hpp"
#include "event_number.hpp"
#include "main_window.hpp"
#include "source_dock.hpp"

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

// Qt's own options (-platform xcb, -style fusion, ...) are taken out of argv by QApplication.
bool has_qt_options(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (argv[i][0] == '-' && argv[i][1] != '-' && argv[i][1] != '\0' && argv[i][1] != 'h' && argv[i][1] != 'v')
      return true;
  return false;
}

int report(const cspview::CommandLine& cl) {
  if (cl.help) {
    std::fputs(qPrintable(cl.help_text), stdout);
    return 0;
  }
  std::fprintf(stderr, "cspview: %s\nRun cspview --help for the options.\n", qPrintable(cl.error));
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  // --help, --version and wrong options are answered before Qt starts, so they work without
  // a display (help2man, a terminal over ssh); with Qt's own options they are after it.
  if (!has_qt_options(argc, argv)) {
    QStringList args;
    for (int i = 0; i < argc; ++i) args << QString::fromLocal8Bit(argv[i]);
    const cspview::CommandLine early = cspview::parse_command_line(args);
    if (early.help || !early.error.isEmpty()) return report(early);
  }
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
  if (cl.help || !cl.error.isEmpty()) return report(cl);

  cspview::MainWindow window;
  cspview::add_source_dock(window, cl.source_dir);
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
    if (cl.view) window.timeline()->show_range(int64_t(cl.view->first), int64_t(cl.view->second));
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
    if (cl.at || cl.view)
      QObject::connect(&window, &cspview::MainWindow::document_shown, &window, [&window, cl] {
        if (cl.at)
          if (auto e = at_index(window, *cl.at)) window.seek_event(*e);
        if (cl.view) window.timeline()->show_range(int64_t(cl.view->first), int64_t(cl.view->second));
      }, Qt::SingleShotConnection);
    window.open_file(cl.file);
  }
  return app.exec();
}
