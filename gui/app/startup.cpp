#include "startup.hpp"

#include "event_number.hpp"
#include "lecture_controller.hpp"
#include "main_window.hpp"
#include "step_export.hpp"
#include "view_tabs.hpp"

#include <QApplication>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace cspview {

QString apply_command_line(MainWindow& window, const CommandLine& cl) {
  QStringList problems;
  if (!cl.view_name.isEmpty() && !window.views()->show_view(cl.view_name))
    problems << QStringLiteral("no view named \"%1\"; the views are %2")
                    .arg(cl.view_name, window.views()->names().join(QStringLiteral(", ")));
  if (cl.at && window.document()) {
    if (auto e = event_at_number(window.document()->model(), *cl.at))
      window.seek_event(*e);
    else
      window.stepper().to_start();
  }
  if (!cl.at_bookmark.isEmpty()) {
    if (auto e = window.lecture().event_of(cl.at_bookmark)) {
      window.seek_event(*e);
    } else {
      QStringList titles;
      for (const Bookmark& b : window.lecture().script().bookmarks())
        titles << QString::fromStdString(b.title);
      const QString file = window.lecture().file().isEmpty() ? QStringLiteral("(no lecture script)")
                                                             : window.lecture().file();
      problems << QStringLiteral("%1: no bookmark titled \"%2\"%3")
                      .arg(file, cl.at_bookmark,
                           titles.isEmpty() ? QString()
                                            : QStringLiteral(" (there are: %1)")
                                                  .arg(titles.join(QStringLiteral(", "))));
    }
  }
  if (cl.view) window.timeline()->show_range(int64_t(cl.view->first), int64_t(cl.view->second));
  return problems.join(QStringLiteral("; "));
}

// Follows until the trace ends or its writer goes away, or, for a program that still runs
// (a hang), until no event has come for the long-wait threshold and a second more, so that the
// picture shows its long waits instead of waiting forever.
bool follow_now(MainWindow& window, const QString& path, int64_t long_wait_ns, QString* error) {
  QEventLoop loop;
  bool failed = false;
  auto quit_when_done = [&] {
    if (!window.following() && window.document() && window.document()->has_analysis()) loop.quit();
  };
  QObject::connect(&window, &MainWindow::document_shown, &loop, quit_when_done);
  QTimer quiet;
  quiet.setSingleShot(true);
  quiet.setInterval(int(std::min<int64_t>(long_wait_ns / 1'000'000 + 1000, 24 * 3600 * 1000)));
  QObject::connect(&quiet, &QTimer::timeout, &loop, &QEventLoop::quit);
  size_t events_seen = 0;
  QObject::connect(&window, &MainWindow::live_shown, &loop, [&] {
    const size_t events = window.document() ? window.document()->model().size() : 0;
    if (events != events_seen || !quiet.isActive()) quiet.start();
    events_seen = events;
  });
  QObject::connect(&window, &MainWindow::load_failed, &loop, [&](const QString& message) {
    failed = true;
    *error = message;
    loop.quit();
  });
  window.follow_file(path);
  quiet.start();  // a file that stays empty while its writer lives ends the wait too
  loop.exec();
  return !failed;
}

int run_headless(MainWindow& window, const CommandLine& cl) {
  if (!cl.file.isEmpty()) {
    QString error;
    window.set_long_wait(cl.long_wait_ns);
    if (!(cl.follow ? follow_now(window, cl.file, cl.long_wait_ns, &error)
                    : window.open_file_now(cl.file, &error))) {
      std::fprintf(stderr, "cspview: %s\n", qPrintable(error));
      return 1;
    }
    if (!window.lecture().error().isEmpty())
      std::fprintf(stderr, "cspview: %s\n", qPrintable(window.lecture().error()));
  }
  if (const QString problem = apply_command_line(window, cl); !problem.isEmpty()) {
    std::fprintf(stderr, "cspview: %s\n", qPrintable(problem));
    return 2;
  }
  QApplication::processEvents();
  if (!cl.screenshot.isEmpty()) {
    QString error;
    const bool svg = cl.screenshot.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive);
    // A PNG is the whole window as it is seen; an SVG is the view shown, drawn as vectors.
    const bool ok =
        svg ? window.export_view(cl.screenshot, &error) : window.grab().save(cl.screenshot, "PNG");
    if (!ok) {
      std::fprintf(stderr, "cspview: %s\n",
                   qPrintable(svg ? error
                                  : QStringLiteral(
                                        "%1: cannot write the screenshot (is the folder writable?)")
                                        .arg(cl.screenshot)));
      return 1;
    }
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
  if (!cl.export_steps.isEmpty()) {
    QString error;
    int written = 0;
    if (!export_steps(window, cl.export_steps, cl.from, cl.to, &error, &written)) {
      std::fprintf(stderr, "cspview: %s\n", qPrintable(error));
      return 1;
    }
    std::printf("cspview: wrote %d steps into %s\n", written, qPrintable(cl.export_steps));
  }
  return 0;
}

}  // namespace cspview
