// cspview [FILE] [--at EVENT|bookmark:NAME] [--view NAME|BEGIN:END]
//         [--screenshot OUT.png|OUT.svg [--view-json OUT.json]] [--export-steps DIR [--from N]
//         [--to M]]
//         [--size WxH] [--dark] [--presentation] [--compare B] [--follow [--long-wait SECONDS]]
#include "command_line.hpp"
#include "compare_window.hpp"
#include "main_window.hpp"
#include "query_dock.hpp"
#include "source_dock.hpp"
#include "startup.hpp"

#include <QApplication>

#include <cstdio>
#include <cstdlib>

namespace {

// Qt's own options (-platform xcb, -style fusion, ...) are taken out of argv by QApplication.
bool has_qt_options(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (argv[i][0] == '-' && argv[i][1] != '-' && argv[i][1] != '\0' && argv[i][1] != 'h' &&
        argv[i][1] != 'v')
      return true;
  return false;
}

// cspview FILE --compare B: both runs in one window (compare_window.hpp); with --screenshot the
// window is written to the PNG and the program exits.
int run_compare(const cspview::CommandLine& cl) {
  cspview::CompareWindow window;
  window.resize(cl.size);
  if (!cl.screenshot.isEmpty()) window.setAttribute(Qt::WA_DontShowOnScreen);
  window.show();
  QString error;
  if (!window.open_now(cl.file, cl.compare, &error)) {
    std::fprintf(stderr, "cspview: %s\n", qPrintable(error));
    return 1;
  }
  if (cl.screenshot.isEmpty()) return QApplication::exec();
  QApplication::processEvents();
  if (!window.grab().save(cl.screenshot, "PNG")) {
    std::fprintf(stderr, "cspview: %s: cannot write the screenshot (is the folder writable?)\n",
                 qPrintable(cl.screenshot));
    return 1;
  }
  return 0;
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
  // --screenshot and --export-steps work headless: without a display, render offscreen (the
  // platform must be chosen before the QApplication exists).
  if (cspview::wants_screenshot(argc, argv) && !std::getenv("DISPLAY") &&
      !std::getenv("WAYLAND_DISPLAY"))
    setenv("QT_QPA_PLATFORM", "offscreen", 0);
  QApplication app(argc, argv);
  QApplication::setOrganizationName(QStringLiteral("cspscope"));
  QApplication::setApplicationName(QStringLiteral("cspview"));
  QApplication::setApplicationVersion(QStringLiteral(CSPVIEW_VERSION));
  QApplication::setDesktopFileName(QStringLiteral("cspview"));

  const cspview::CommandLine cl = cspview::parse_command_line(QApplication::arguments());
  if (cl.help || !cl.error.isEmpty()) return report(cl);

  if (!cl.compare.isEmpty()) return run_compare(cl);

  cspview::MainWindow window;
  cspview::add_source_dock(window, cl.source_dir);
  cspview::add_query_dock(window);
  window.resize(cl.size);
  window.set_dark(cl.dark);

  if (!cl.screenshot.isEmpty() || !cl.export_steps.isEmpty()) {
    window.setAttribute(Qt::WA_DontShowOnScreen);
    window.set_remember_recent(false);
    window.show();
    if (cl.presentation) window.set_presentation(true);
    return cspview::run_headless(window, cl);
  }

  window.show();
  if (cl.presentation) window.set_presentation(true);
  if (!cl.file.isEmpty()) {
    // The choices apply once the trace is shown; one that cannot be honoured is said on
    // standard error and the window stays open.
    QObject::connect(
        &window, &cspview::MainWindow::document_shown, &window,
        [&window, cl] {
          if (const QString problem = cspview::apply_command_line(window, cl); !problem.isEmpty())
            std::fprintf(stderr, "cspview: %s\n", qPrintable(problem));
        },
        Qt::SingleShotConnection);
    window.set_long_wait(cl.long_wait_ns);
    if (cl.follow)
      window.follow_file(cl.file);
    else
      window.open_file(cl.file);
  }
  return app.exec();
}
