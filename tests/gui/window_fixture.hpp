// Shared by the window tests: fixture paths, a window that renders offscreen, and a trace file
// written on the spot.
#pragma once

#include "main_window.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QString>
#include <QTemporaryDir>
#include <QThread>

#include <fstream>
#include <functional>
#include <string>

// Runs the event loop until done() or timeout_ms have passed; whether done() came true.
inline bool wait_until(const std::function<bool()>& done, int timeout_ms) {
  QElapsedTimer clock;
  clock.start();
  while (!done()) {
    if (clock.elapsed() > timeout_ms) return false;
    QApplication::processEvents(QEventLoop::AllEvents, 20);
    QThread::msleep(5);
  }
  return true;
}

inline QString fixture_path(const char* name) {
  return QStringLiteral(CSP_FIXTURES "/") + QLatin1String(name);
}

// A window of the given size, opened on a fixture (or a path), as the screenshot option shows it.
struct OpenWindow {
  cspview::MainWindow w;
  explicit OpenWindow(const QString& path, QSize size = {1280, 800}) {
    w.setAttribute(Qt::WA_DontShowOnScreen);
    w.set_remember_recent(false);
    w.resize(size);
    w.show();
    QString error;
    ok = w.open_file_now(path, &error);
    QApplication::processEvents();
  }
  bool ok = false;
};

inline QImage grab_window(cspview::MainWindow& w) {
  QApplication::processEvents();
  return w.grab().toImage();
}

// A philosophers-like run whose `end` comes long after its last real event, as the binary
// recorder writes it: the run is 0..5 µs, `end` at 900 µs.
inline QString write_idle_tail_trace(const QTemporaryDir& dir) {
  const QString path = dir.filePath(QStringLiteral("idle-tail.jsonl"));
  std::ofstream(path.toStdString())
      << R"({"kind":"header","format":"cspscope-trace","version":1,"scheduler":"pool"}
{"seq":1,"t":1000,"kind":"spawn","proc":1,"name":"main","mode":"main"}
{"seq":2,"t":1200,"kind":"chan_make","chan":1,"name":"in","buffer":"unbuffered","cap":0,"proc":1}
{"seq":3,"t":1400,"kind":"spawn","proc":2,"name":"worker","mode":"go","partner":1}
{"seq":4,"t":2000,"kind":"park","proc":2,"op":"take","chan":1,"loc":"w.cpp:3"}
{"seq":5,"t":3000,"kind":"transfer","chan":1,"from":1,"to":2,"via":"direct","value":7}
{"seq":6,"t":3100,"kind":"resume","proc":2,"chan":1,"partner":1}
{"seq":7,"t":4000,"kind":"exit","proc":2,"status":"ok"}
{"seq":8,"t":5000,"kind":"exit","proc":1,"status":"ok"}
{"seq":9,"t":900000,"kind":"end","reason":"normal"}
)";
  return path;
}
