// Issue 21, "a named pipe with no writer blocks every verb forever with no message": the viewer
// opening a named pipe nobody writes yet says so (the reader's notice, in the loading dialog and
// the status bar) and loads the trace once a writer comes.
#include <catch2/catch.hpp>

#include "main_window.hpp"
#include "trace_load_job.hpp"
#include "window_fixture.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProgressDialog>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QThread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <functional>
#include <string>

using namespace cspview;

namespace {

// A named pipe in dir, nobody writing to it.
QString make_fifo(const QTemporaryDir& dir) {
  const QString fifo = dir.filePath(QStringLiteral("trace.jsonl"));
  REQUIRE(::mkfifo(fifo.toLocal8Bit().constData(), 0600) == 0);
  return fifo;
}

// Writes the fixture into the named pipe, whose reader is already waiting (so the open does
// not block).
void write_fixture_into(const QString& fifo, const char* name) {
  QFile in(fixture_path(name));
  REQUIRE(in.open(QIODevice::ReadOnly));
  const QByteArray bytes = in.readAll();
  const int fd = ::open(fifo.toLocal8Bit().constData(), O_WRONLY | O_NONBLOCK);
  REQUIRE(fd >= 0);
  REQUIRE(::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size());
  ::close(fd);
}

// At scope exit, comes as a writer that writes nothing, so that a reader still waiting (a
// failed check) sees the pipe's end instead of blocking the load's thread forever.
struct Unblock {
  QString fifo;
  ~Unblock() {
    const int fd = ::open(fifo.toLocal8Bit().constData(), O_WRONLY | O_NONBLOCK);
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

TEST_CASE("a load from a named pipe with no writer says it waits then loads what comes",
          "[window][loading]") {
  QTemporaryDir dir;
  const QString fifo = make_fifo(dir);
  TraceLoadJob job;
  const Unblock unblock{fifo};
  QSignalSpy notice(&job, &TraceLoadJob::notice);
  QSignalSpy analysed(&job, &TraceLoadJob::analysed);
  QSignalSpy failed(&job, &TraceLoadJob::failed);
  job.start(fifo);
  REQUIRE(notice.wait(5000));
  CHECK(notice.front().at(0).toString().contains("named pipe with nothing written to it yet"));
  CHECK(notice.front().at(1).toString() == fifo);
  CHECK(analysed.isEmpty());
  write_fixture_into(fifo, "hotdog.jsonl");
  REQUIRE((analysed.size() == 1 || analysed.wait(5000)));
  CHECK(failed.isEmpty());
  const auto doc = analysed.front().at(0).value<std::shared_ptr<const TraceDocument>>();
  CHECK(doc->model().size() == 30);
}

TEST_CASE("the window opening a named pipe nobody writes shows why it waits", "[window][loading]") {
  QTemporaryDir dir;
  const QString fifo = make_fifo(dir);
  MainWindow w;
  const Unblock unblock{fifo};
  w.resize(1280, 800);
  w.open_file(fifo);
  QProgressDialog* dialog = w.findChild<QProgressDialog*>();
  REQUIRE(dialog);
  REQUIRE(wait_until([&] { return dialog->labelText().contains("waiting for a writer"); }, 5000));
  CHECK(dialog->isVisible());
  // Words for the window, not the terminal: the dialog's Cancel stops it.
  CHECK(dialog->labelText().contains("or Cancel"));
  CHECK_FALSE(dialog->labelText().contains("Ctrl-C"));
  CHECK(w.statusBar()->currentMessage() == dialog->labelText());
  write_fixture_into(fifo, "hotdog.jsonl");
  REQUIRE(wait_until([&] { return w.document() && w.document()->has_analysis(); }, 5000));
  CHECK(w.document()->model().size() == 30);
  CHECK_FALSE(dialog->isVisible());
}

TEST_CASE("cancelling the wait for a named pipe's writer stops the load", "[window][loading]") {
  QTemporaryDir dir;
  const QString fifo = make_fifo(dir);
  TraceLoadJob job;
  const Unblock unblock{fifo};
  QSignalSpy notice(&job, &TraceLoadJob::notice);
  QSignalSpy cancelled(&job, &TraceLoadJob::cancelled);
  job.start(fifo);
  REQUIRE(notice.wait(5000));
  job.cancel();
  // The reader blocks in poll() until a writer comes; the cancel is seen once it does.
  write_fixture_into(fifo, "hotdog.jsonl");
  REQUIRE((cancelled.size() == 1 || cancelled.wait(5000)));
}
