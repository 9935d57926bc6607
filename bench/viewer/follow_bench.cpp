// cspview's live follow under load: the real main window follows a trace that pingpong writes
// at about 1 M events/s (--rate) for 10 s (--seconds), and it measures, for every event,
// the delay from its recording (the trace's start_unix_ns plus its time) to the moment the
// window shows a live document holding it: p50, p95 and the worst over the run. Then the
// resident memory: its peak while following, and what the same window needs to open the finished
// file normally (--open FILE, a separate run, so that each peak is its own).
// Goal (issue 25): a new event shown within 200 ms at p95; memory no more than the events need.
// Not a test: run it by hand (docs/performance.md, "Live follow").
//
//   follow_bench [--rate N] [--seconds S] [--trace FILE]   follow pingpong as it writes FILE
//   follow_bench --open FILE                               a normal open, for the memory
#include "main_window.hpp"
#include "trace_document.hpp"

#include <QApplication>
#include <QFile>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

int64_t unix_now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A line of /proc/self/status ("VmHWM:", "VmRSS:") in MB.
double status_mb(const char* key) {
  FILE* f = std::fopen("/proc/self/status", "r");
  if (!f) return 0;
  char line[256];
  double mb = 0;
  const size_t n = std::strlen(key);
  while (std::fgets(line, sizeof line, f))
    if (std::strncmp(line, key, n) == 0) mb = std::atof(line + n) / 1024.0;
  std::fclose(f);
  return mb;
}

// Delays in whole milliseconds, counted: the run's millions of events in a few KB.
struct Histogram {
  std::vector<uint64_t> by_ms = std::vector<uint64_t>(600'001);
  uint64_t n = 0;
  int64_t worst = 0;
  void add(int64_t ns) {
    const int64_t ms = std::clamp<int64_t>(ns / 1'000'000, 0, int64_t(by_ms.size()) - 1);
    ++by_ms[size_t(ms)];
    ++n;
    worst = std::max(worst, ns);
  }
  double quantile(double q) const {
    const auto want = uint64_t(q * double(n));
    uint64_t seen = 0;
    for (size_t ms = 0; ms < by_ms.size(); ++ms)
      if ((seen += by_ms[ms]) > want) return double(ms);
    return double(by_ms.size());
  }
};

pid_t start_writer(const std::string& exe, const std::vector<std::string>& args) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<const char*> argv{exe.c_str()};
    for (const auto& a : args) argv.push_back(a.c_str());
    argv.push_back(nullptr);
    if (!std::freopen("/dev/null", "w", stdout)) _exit(127);
    execv(exe.c_str(), const_cast<char* const*>(argv.data()));
    _exit(127);
  }
  return pid;
}

void prepare(cspview::MainWindow& w) {
  w.setAttribute(Qt::WA_DontShowOnScreen);
  w.set_remember_recent(false);
  w.resize(1280, 800);
  w.show();
}

int open_normally(const QString& path) {
  cspview::MainWindow w;
  prepare(w);
  QString error;
  if (!w.open_file_now(path, &error)) {
    std::fprintf(stderr, "follow_bench: %s\n", qPrintable(error));
    return 1;
  }
  QApplication::processEvents();
  std::printf("normal open of %s: %zu events, resident %.0f MB, peak %.0f MB\n", qPrintable(path),
              w.document()->model().size(), status_mb("VmRSS:"), status_mb("VmHWM:"));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string rate = "1000000", seconds = "10", trace = "/tmp/follow_bench.csptrace", open;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--rate")
      rate = argv[i + 1];
    else if (a == "--seconds")
      seconds = argv[i + 1];
    else if (a == "--trace")
      trace = argv[i + 1];
    else if (a == "--open")
      open = argv[i + 1];
    else {
      std::fprintf(stderr,
                   "usage: follow_bench [--rate N] [--seconds S] [--trace FILE] | --open FILE\n");
      return 2;
    }
  }
  setenv("QT_QPA_PLATFORM", "offscreen", 0);
  QApplication app(argc, argv);
  if (!open.empty()) return open_normally(QString::fromStdString(open));

  std::remove(trace.c_str());
  cspview::MainWindow window;
  prepare(window);
  Histogram delays;
  size_t shown = 0, docs = 0;
  QObject::connect(&window, &cspview::MainWindow::live_shown, [&] {
    const auto& m = window.document()->model();
    const int64_t now = unix_now_ns(), start = m.header().start_unix_ns;
    if (!start || m.size() <= shown) return;
    for (size_t i = shown; i < m.size(); ++i) delays.add(now - (start + m.time(i)));
    shown = m.size();
    ++docs;
  });
  bool finished = false;
  QObject::connect(&window, &cspview::MainWindow::document_shown, [&] {
    if (!window.following()) finished = true;
  });
  window.follow_file(QString::fromStdString(trace));
  const auto t0 = std::chrono::steady_clock::now();
  // pingpong records six events a round trip: rounds for `seconds` at `rate`.
  const std::string rounds = std::to_string(std::stoll(rate) * std::stoll(seconds) / 6);
  const pid_t writer =
      start_writer(PINGPONG_EXE, {"--rounds", rounds, "--rate", rate, "--trace", trace});
  while (!finished) app.processEvents(QEventLoop::WaitForMoreEvents, 50);
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  int status = 0;
  waitpid(writer, &status, 0);

  const auto& m = window.document()->model();
  const double run_s = double(window.document()->run().duration()) / 1e9;
  std::printf("pingpong --rate %s: %zu events recorded in %.2f s (%.2f M events/s)\n", rate.c_str(),
              m.size(), run_s, run_s > 0 ? double(m.size()) / run_s / 1e6 : 0);
  std::printf("live documents shown: %zu; events shown live: %zu (the rest arrived with the end)\n",
              docs, shown);
  std::printf(
      "delay from recording to the window, per event: p50 %.0f ms, p95 %.0f ms, worst "
      "%.0f ms\n",
      delays.quantile(0.5), delays.quantile(0.95), double(delays.worst) / 1e6);
  std::printf("resident at the end %.0f MB, peak %.0f MB (the model: %.0f MB); wall %.1f s\n",
              status_mb("VmRSS:"), status_mb("VmHWM:"), double(m.memory_bytes()) / 1e6, wall);
  std::printf("for the memory of a normal open: follow_bench --open %s\n", trace.c_str());
  return 0;
}
