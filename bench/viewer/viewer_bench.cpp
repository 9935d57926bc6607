// cspview's scale benchmark: writes a synthetic trace of N events (default 5 M), then measures
// (1) open to first frame: read, index and the first paint of the 1280x800 main window — goal
//     ≤ 2 s — then the replay and analysis that the app runs in the background after it;
// (2) redraw of the timeline at zoom levels from "fit all" down to a few events — goal ≤ 16 ms
//     each (the median and the worst of 15 paints are reported).
//
//   viewer_bench [--events N] [--trace FILE]   (FILE is reused if it exists; default in /tmp)
//
// The synthetic run: 32 producer / consumer pairs, each pair on its own unbuffered channel; a
// consumer parks to take, its producer hands the value over, the consumer resumes. Pairs
// interleave, 50 ns apart, so every lane is dense at every zoom level.
#include "main_window.hpp"
#include "timeline_widget.hpp"

#include <QApplication>
#include <QImage>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Writes the synthetic trace; returns false when the file cannot be written.
bool write_trace(const std::string& path, size_t events) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) return false;
  constexpr int kPairs = 32;
  uint64_t seq = 0;
  int64_t t = 0;
  auto line = [&](const char* fmt, auto... args) {
    std::fprintf(f, "{\"seq\":%llu,\"t\":%lld,", static_cast<unsigned long long>(++seq), static_cast<long long>(t));
    std::fprintf(f, fmt, args...);
    std::fputs("}\n", f);
    t += 50;
  };
  std::fputs("{\"kind\":\"header\",\"format\":\"cspscope-trace\",\"version\":1,\"program\":\"viewer_bench synthetic\","
             "\"scheduler\":\"deterministic\",\"seed\":1,\"clock\":\"steady_ns\",\"start_unix_ns\":0}\n", f);
  line("\"kind\":\"spawn\",\"proc\":1,\"name\":\"main\",\"mode\":\"main\"");
  for (int c = 1; c <= kPairs; ++c) {
    line("\"kind\":\"chan_make\",\"chan\":%d,\"name\":\"pipe-%d\",\"buffer\":\"unbuffered\",\"cap\":0,\"proc\":1", c, c);
    line("\"kind\":\"spawn\",\"proc\":%d,\"name\":\"producer-%d\",\"mode\":\"go\",\"partner\":1", 2 * c, c);
    line("\"kind\":\"spawn\",\"proc\":%d,\"name\":\"consumer-%d\",\"mode\":\"go\",\"partner\":1", 2 * c + 1, c);
  }
  for (uint64_t round = 0; seq + 3 * kPairs + 2 < events; ++round) {
    for (int c = 1; c <= kPairs; ++c)
      line("\"kind\":\"park\",\"proc\":%d,\"op\":\"take\",\"chan\":%d,\"loc\":\"bench.cpp:20\"", 2 * c + 1, c);
    for (int c = 1; c <= kPairs; ++c) {
      line("\"kind\":\"transfer\",\"chan\":%d,\"from\":%d,\"to\":%d,\"via\":\"direct\",\"value\":%llu", c, 2 * c,
           2 * c + 1, static_cast<unsigned long long>(round));
      line("\"kind\":\"resume\",\"proc\":%d,\"partner\":%d,\"chan\":%d", 2 * c + 1, 2 * c, c);
    }
    if (round % 20000 == 0) line("\"kind\":\"mark\",\"label\":\"round %llu\",\"proc\":1", static_cast<unsigned long long>(round));
  }
  line("\"kind\":\"end\",\"reason\":\"normal\"");
  return std::fclose(f) == 0;
}

struct Stats {
  double median = 0, worst = 0;
};

Stats time_redraws(cspview::TimelineWidget& tl, int reps) {
  std::vector<double> ms;
  QImage img(tl.size(), QImage::Format_ARGB32_Premultiplied);
  for (int i = 0; i < reps; ++i) {
    const auto t0 = Clock::now();
    tl.render(&img);
    ms.push_back(ms_since(t0));
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms.back()};
}

}  // namespace

int main(int argc, char** argv) {
  size_t events = 5'000'000;
  std::string trace;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--events") events = std::strtoull(argv[i + 1], nullptr, 10);
    else if (a == "--trace") trace = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: viewer_bench [--events N] [--trace FILE]\n");
      return 2;
    }
  }
  if (trace.empty()) trace = "/tmp/cspview-bench-" + std::to_string(events) + ".jsonl";
  if (!std::filesystem::exists(trace)) {
    const auto t0 = Clock::now();
    if (!write_trace(trace, events)) {
      std::fprintf(stderr, "viewer_bench: %s: cannot write the trace (disk full? folder writable?)\n", trace.c_str());
      return 1;
    }
    std::printf("wrote %s (%zu events) in %.0f ms\n", trace.c_str(), events, ms_since(t0));
  }
  setenv("QT_QPA_PLATFORM", "offscreen", 0);
  QApplication app(argc, argv);

  cspview::MainWindow window;
  window.setAttribute(Qt::WA_DontShowOnScreen);
  window.resize(1280, 800);
  window.show();
  QApplication::processEvents();

  // As the app does it: read and index, show the first frame (events on their lanes), then
  // replay and analyse, and show the states and findings.
  const auto t0 = Clock::now();
  auto quick = cspview::read_document(trace);
  const double read_ms = ms_since(t0);
  window.show_document(quick, QString::fromStdString(trace));
  QApplication::processEvents();
  const QImage first = window.grab().toImage();
  const double first_ms = ms_since(t0);
  const auto t1 = Clock::now();
  auto doc = quick->with_analysis();
  const double analysis_ms = ms_since(t1);
  window.show_analysis(doc);
  QApplication::processEvents();
  const QImage full = window.grab().toImage();
  const double full_ms = ms_since(t0);
  std::printf("events: %zu, processes: %zu, channels: %zu, findings: %zu\n", doc->model().size(),
              doc->model().processes().size(), doc->model().channels().size(), doc->findings().size());
  std::printf("open to first frame: %.0f ms (reading and indexing %.0f ms, painting %.0f ms)  goal <= 2000 ms: %s\n",
              first_ms, read_ms, first_ms - read_ms, first_ms <= 2000 ? "met" : "MISSED");
  std::printf("replay and analysis in the background: %.0f ms; states and findings shown after %.0f ms\n",
              analysis_ms, full_ms);
  const double open_ms = first_ms;

  cspview::TimelineWidget& tl = *window.timeline();
  bool all_met = open_ms <= 2000;
  const double span = double(doc->t_end() - doc->t_begin());
  for (double factor : {1.0, 10.0, 1000.0, 100000.0}) {
    tl.fit_all();
    if (factor > 1) tl.show_range(doc->t_begin() + int64_t(span / 2), doc->t_begin() + int64_t(span / 2 + span / factor));
    const Stats s = time_redraws(tl, 15);
    const bool met = s.worst <= 16;
    all_met = all_met && met;
    std::printf("redraw, showing 1/%-7.0f of the run (%.3g ns/px): median %.2f ms, worst %.2f ms  goal <= 16 ms: %s\n",
                factor, tl.scale().ns_per_px, s.median, s.worst, met ? "met" : "MISSED");
  }
  return all_met && !first.isNull() && !full.isNull() ? 0 : 1;
}
