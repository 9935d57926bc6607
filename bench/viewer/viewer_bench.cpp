// cspview's scale benchmark. It drives the real main window, as a user would, on a big trace:
//  (1) open to first frame: read, index and the first paint of the 1280x800 window, in CPU time
//      (all threads) and wall time — goal ≤ 1 s of CPU for 6 M events — then the replay and
//      analysis the app runs in the background, and the resident memory after each;
//  (2) every action a user takes on the window, timed on the GUI thread from the input to the
//      repainted frame — goal: the window never freezes for more than 100 ms;
//  (3) redraws of the timeline at zoom levels from "fit all" down to a few events.
// Not a test: run it by hand (docs/viewer.md, "Scale").
//
//   viewer_bench [--events N] [--trace FILE] [--first-frame OUT.png] [--preview-only yes]
//
// A binary trace of cspview::kPreviewBytes or more opens as the app opens it: a preview first
// (its first frame; its redraws are timed too), then its events. --first-frame saves the first
// frame; --preview-only yes stops after the preview (a trace too large to load whole here).
// Without --trace it writes a synthetic trace of N events (default 6 M): 32 producer /
// consumer pairs, each pair on its own unbuffered channel, 50 ns apart, so that every lane is
// dense at every zoom level.
#include "main_window.hpp"
#include "search_bar.hpp"
#include "timeline_widget.hpp"
#include "trace_document.hpp"
#include "window_actions.hpp"

#include <QApplication>

#include <QCheckBox>
#include <QEventLoop>
#include <QImage>
#include <QLineEdit>
#include <QTimer>
#include <csptrace/trace_reader.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// CPU time of the whole process (every thread), in ms.
double cpu_ms() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  auto ms = [](const timeval& t) { return double(t.tv_sec) * 1e3 + double(t.tv_usec) / 1e3; };
  return ms(u.ru_utime) + ms(u.ru_stime);
}

// Resident memory now, in MB (from /proc/self/statm).
double resident_mb() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  long pages = 0, resident = 0;
  const int n = std::fscanf(f, "%ld %ld", &pages, &resident);
  std::fclose(f);
  return n == 2 ? double(resident) * double(sysconf(_SC_PAGESIZE)) / 1e6 : 0;
}

struct TraceWriter {
  FILE* f;
  uint64_t seq = 0;
  int64_t t = 0;
};

// One event line: seq and t, then the fields fmt formats.
[[gnu::format(printf, 2, 3)]] void line(TraceWriter& w, const char* fmt, ...) {
  std::fprintf(w.f, "{\"seq\":%llu,\"t\":%lld,", static_cast<unsigned long long>(++w.seq),
               static_cast<long long>(w.t));
  va_list args;
  va_start(args, fmt);
  std::vfprintf(w.f, fmt, args);
  va_end(args);
  std::fputs("}\n", w.f);
  w.t += 50;
}

bool write_trace(const std::string& path, size_t events) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) return false;
  constexpr int kPairs = 32;
  TraceWriter w{f};
  std::fputs(
      "{\"kind\":\"header\",\"format\":\"cspscope-trace\",\"version\":1,\"program\":\"viewer_bench "
      "synthetic\","
      "\"scheduler\":\"deterministic\",\"seed\":1,\"clock\":\"steady_ns\",\"start_unix_ns\":0}\n",
      f);
  line(w, "\"kind\":\"spawn\",\"proc\":1,\"name\":\"main\",\"mode\":\"main\"");
  for (int c = 1; c <= kPairs; ++c) {
    line(w,
         "\"kind\":\"chan_make\",\"chan\":%d,\"name\":\"pipe-%d\",\"buffer\":\"unbuffered\","
         "\"cap\":0,\"proc\":1",
         c, c);
    line(w, "\"kind\":\"spawn\",\"proc\":%d,\"name\":\"producer-%d\",\"mode\":\"go\",\"partner\":1",
         2 * c, c);
    line(w, "\"kind\":\"spawn\",\"proc\":%d,\"name\":\"consumer-%d\",\"mode\":\"go\",\"partner\":1",
         2 * c + 1, c);
  }
  for (uint64_t round = 0; w.seq + 3 * kPairs + 2 < events; ++round) {
    for (int c = 1; c <= kPairs; ++c)
      line(w, "\"kind\":\"park\",\"proc\":%d,\"op\":\"take\",\"chan\":%d,\"loc\":\"bench.cpp:20\"",
           2 * c + 1, c);
    for (int c = 1; c <= kPairs; ++c) {
      line(w,
           "\"kind\":\"transfer\",\"chan\":%d,\"from\":%d,\"to\":%d,\"via\":\"direct\",\"value\":%"
           "llu",
           c, 2 * c, 2 * c + 1, static_cast<unsigned long long>(round));
      line(w, "\"kind\":\"resume\",\"proc\":%d,\"partner\":%d,\"chan\":%d", 2 * c + 1, 2 * c, c);
    }
    if (round % 20000 == 0)
      line(w, "\"kind\":\"mark\",\"label\":\"round %llu\",\"proc\":1",
           static_cast<unsigned long long>(round));
  }
  line(w, "\"kind\":\"end\",\"reason\":\"normal\"");
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

// One action on the window: from the call to the repainted frame, on the GUI thread.
double time_action(cspview::MainWindow& w, const std::function<void()>& action) {
  const auto t0 = Clock::now();
  action();
  QApplication::processEvents();
  w.repaint();
  QApplication::processEvents();
  return ms_since(t0);
}

}  // namespace

int main(int argc, char** argv) {
  size_t events = 6'000'000;
  std::string trace, first_frame_png;
  bool preview_only = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--events")
      events = std::strtoull(argv[i + 1], nullptr, 10);
    else if (a == "--trace")
      trace = argv[i + 1];
    else if (a == "--first-frame")
      first_frame_png = argv[i + 1];
    else if (a == "--preview-only")
      preview_only = std::string_view(argv[i + 1]) == "yes";
    else {
      std::fprintf(stderr,
                   "viewer_bench: unknown option %s\nusage: viewer_bench [--events N] [--trace "
                   "FILE] [--first-frame OUT.png] [--preview-only yes]\n",
                   argv[i]);
      return 2;
    }
  }
  if (trace.empty()) trace = "/tmp/cspview-bench-" + std::to_string(events) + ".jsonl";
  if (!std::filesystem::exists(trace)) {
    const auto t0 = Clock::now();
    if (!write_trace(trace, events)) {
      std::fprintf(stderr,
                   "viewer_bench: %s: cannot write the trace (disk full? folder writable?)\n",
                   trace.c_str());
      return 1;
    }
    std::printf("wrote %s (%zu events) in %.0f ms\n", trace.c_str(), events, ms_since(t0));
  }
  setenv("QT_QPA_PLATFORM", "offscreen", 0);
  QApplication app(argc, argv);

  cspview::MainWindow window;
  window.setAttribute(Qt::WA_DontShowOnScreen);
  window.set_remember_recent(false);
  window.resize(1280, 800);
  window.show();
  QApplication::processEvents();
  const double base_mb = resident_mb();

  // (1) As the app does it: read and index, show the first frame (events on their lanes), then
  // replay and analyse in the background, and show the states and findings.
  // A big binary trace shows a preview first (its lanes and their counts of events by time),
  // then its events; a smaller one shows its events first.
  const double cpu0 = cpu_ms();
  const auto t0 = Clock::now();
  const QString path = QString::fromStdString(trace);
  const bool preview = cspview::worth_preview(trace);
  double preview_cpu = 0;
  QImage first;
  if (preview) {
    window.show_document(cspview::preview_document(trace), path);
    QApplication::processEvents();
    preview_cpu = cpu_ms() - cpu0;
    first = window.grab().toImage();
  }
  const double preview_mb = resident_mb();
  const double preview_frame_cpu = cpu_ms() - cpu0;
  const double preview_frame_ms = ms_since(t0);
  if (preview) {
    std::printf("preview: first frame after %.0f ms of CPU, %.0f ms wall, %.0f MB resident\n",
                preview_frame_cpu, preview_frame_ms, preview_mb);
    cspview::TimelineWidget& tl = *window.timeline();
    const auto& doc = *window.document();
    const double span = double(doc.t_end() - doc.t_begin());
    for (double factor : {1.0, 10.0, 1000.0, 100000.0}) {
      tl.fit_all();
      if (factor > 1)
        tl.show_range(doc.t_begin() + int64_t(span / 2),
                      doc.t_begin() + int64_t(span / 2 + span / factor));
      const Stats st = time_redraws(tl, 15);
      std::printf("  preview redraw, 1/%-7.0f of the run: median %.2f ms, worst %.2f ms\n", factor,
                  st.median, st.worst);
    }
    tl.fit_all();
    if (preview_only) {  // a trace too large to load whole here: the preview is what it shows
      if (!first_frame_png.empty()) first.save(QString::fromStdString(first_frame_png), "PNG");
      return first.isNull() ? 1 : 0;
    }
  }
  csptrace::TraceModel model = csptrace::load_trace(trace, cspview::viewer_load_options());
  const double load_cpu = cpu_ms() - cpu0;
  const double load_mb = resident_mb();
  auto quick = std::make_shared<const cspview::TraceDocument>(std::move(model));
  const double read_cpu = cpu_ms() - cpu0;
  window.show_document(quick, path);
  QApplication::processEvents();
  const QImage events_frame = window.grab().toImage();
  if (!preview) first = events_frame;
  const double events_ms = ms_since(t0), events_cpu = cpu_ms() - cpu0;
  const double first_ms = preview ? preview_frame_ms : events_ms;
  const double first_cpu = preview ? preview_frame_cpu : events_cpu;
  const double events_mb = resident_mb();
  const double first_mb = preview ? preview_mb : events_mb;
  if (!first_frame_png.empty()) first.save(QString::fromStdString(first_frame_png), "PNG");
  const auto t1 = Clock::now();
  // The summaries' share: from the step "summarising" to the next one.
  Clock::time_point summarising{}, after_summary{};
  auto doc = quick->with_analysis(nullptr, [&](const char* step, double) {
    const std::string_view s(step);
    if (s == "summarising") summarising = Clock::now();
    if (s == "judging" && after_summary == Clock::time_point{}) after_summary = Clock::now();
  });
  const double analysis_ms = ms_since(t1);
  const double show_ms = time_action(window, [&] { window.show_analysis(doc); });
  const double full_mb = resident_mb();
  const auto& m = doc->model();
  std::printf("trace: %s\nevents: %zu, processes: %zu, channels: %zu, findings: %zu\n",
              trace.c_str(), m.size(), m.processes().size(), m.channels().size(),
              doc->findings().size());
  std::printf("open to first frame: %.0f ms of CPU, %.0f ms wall  goal <= 1000 ms CPU: %s\n",
              first_cpu, first_ms, first_cpu <= 1000 ? "met" : "MISSED");
  if (preview) {
    std::printf(
        "  a preview (lanes, counts of events by time): %.0f ms of CPU, then its first "
        "paint %.0f ms\n",
        preview_cpu, preview_frame_cpu - preview_cpu);
    std::printf("open to the events drawn: %.0f ms of CPU, %.0f ms wall\n", events_cpu, events_ms);
  }
  std::printf("  the tracer's reader (csptrace::load_trace): %.0f ms of CPU, %.0f MB resident\n",
              load_cpu - preview_frame_cpu, load_mb - base_mb);
  std::printf("  the viewer's document (lane index, run span, labels): %.0f ms of CPU\n",
              read_cpu - load_cpu);
  std::printf("  the window (event list, layout, fit, paint): %.0f ms of CPU\n",
              events_cpu - read_cpu);
  std::printf("replay and analysis (background thread): %.0f ms wall\n", analysis_ms);
  std::printf("  of it the timeline's summaries: %.0f ms, holding %.1f MB\n",
              std::chrono::duration<double, std::milli>(after_summary - summarising).count(),
              double(doc->summary().memory_bytes()) / 1e6);
  std::printf(
      "resident: %.0f MB before, %.0f MB at the first frame, %.0f MB with the events drawn, %.0f "
      "MB with the replay\n",
      base_mb, first_mb, events_mb, full_mb);

  // (2) Every action, from input to repainted frame, on the GUI thread.
  std::printf(
      "\nactions on the window (GUI thread, input to repainted frame)  goal <= 100 ms each:\n");
  cspview::TimelineWidget& tl = *window.timeline();
  const cspview::WindowActions& act = window.actions();
  double worst = show_ms;
  auto report = [&worst](const char* what, double ms) {
    worst = std::max(worst, ms);
    std::printf("  %-44s %8.1f ms%s\n", what, ms, ms > 100 ? "  MISSED" : "");
  };
  report("states and findings arrive (show_analysis)", show_ms);
  report("fit all (F)", time_action(window, [&] { act.fit->trigger(); }));
  report("zoom in around the cursor (Ctrl+=) x4", time_action(window, [&] {
           for (int i = 0; i < 4; ++i) act.zoom_in->trigger();
         }));
  report("zoom out (Ctrl+-)", time_action(window, [&] { act.zoom_out->trigger(); }));
  report("pan a screen (Shift+wheel)",
         time_action(window, [&] { tl.set_scale(tl.scale().panned(-600), false); }));
  report("jump to start (Home)", time_action(window, [&] { act.start->trigger(); }));
  report("step forward (→)", time_action(window, [&] { act.next->trigger(); }));
  report("step forward a rendezvous (Shift+→)",
         time_action(window, [&] { act.next_rdv->trigger(); }));
  report("jump to end (End)", time_action(window, [&] { act.end->trigger(); }));
  report("step back (←) at the end", time_action(window, [&] { act.prev->trigger(); }));
  report("seek to the middle (click in the list)",
         time_action(window, [&] { window.seek_event(m.size() / 2); }));
  report("go to the waker (W)", time_action(window, [&] { act.waker->trigger(); }));
  report("view back (Alt+←)", time_action(window, [&] { act.back->trigger(); }));
  report("next finding (N)", time_action(window, [&] { act.next_finding->trigger(); }));
  QEventLoop searched;
  QObject::connect(&window, &cspview::MainWindow::search_done, &searched, &QEventLoop::quit);
  QTimer::singleShot(60000, &searched, &QEventLoop::quit);
  const auto search_t0 = Clock::now();
  report("search \"12345\" (returns, runs in the background)",
         time_action(window, [&] { window.search(QStringLiteral("12345")); }));
  if (window.searching()) searched.exec();
  const double search_ms = ms_since(search_t0);
  report("search result arrives (count, marks)", time_action(window, [] {}));
  report("next match (Enter)", time_action(window, [&] { window.step_match(true); }));
  report("only matches in the list", time_action(window, [&] {
           window.findChild<cspview::SearchBar*>()->findChild<QCheckBox*>()->setChecked(true);
         }));
  const auto focus_t0 = Clock::now();
  report("only lanes with the selected (returns, runs in the background)", time_action(window, [&] {
           for (QCheckBox* c : window.findChildren<QCheckBox*>())
             if (c->text() == QStringLiteral("only with selected")) c->setChecked(true);
         }));
  while (window.focusing_lanes()) QApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
  const double focus_ms = ms_since(focus_t0);
  report("the lanes with the selected arrive", time_action(window, [] {}));
  report("filter lanes by name",
         time_action(window, [&] { tl.set_name_filter(QStringLiteral("ping")); }));
  report("resize the window", time_action(window, [&] { window.resize(1024, 700); }));
  report("presentation mode on (F5)", time_action(window, [&] { act.presentation->trigger(); }));
  report("presentation mode off (Esc)",
         time_action(window, [&] { act.leave_presentation->trigger(); }));
  report("dark theme (Ctrl+T)", time_action(window, [&] { act.dark->trigger(); }));
  std::printf("  (the search itself: %.0f ms on its own thread)\n", search_ms);
  std::printf("  (finding the lanes with the selected: %.0f ms on its own thread)\n", focus_ms);
  std::printf("worst action: %.1f ms  goal <= 100 ms: %s\n", worst,
              worst <= 100 ? "met" : "MISSED");

  // (3) Redraws at four zoom levels.
  window.resize(1280, 800);
  tl.set_name_filter({});
  QApplication::processEvents();
  bool redraws_met = true;
  const double span = double(doc->t_end() - doc->t_begin());
  std::printf("\nredraws of the timeline (15 each):\n");
  for (double factor : {1.0, 10.0, 1000.0, 100000.0}) {
    tl.fit_all();
    if (factor > 1)
      tl.show_range(doc->t_begin() + int64_t(span / 2),
                    doc->t_begin() + int64_t(span / 2 + span / factor));
    const Stats s = time_redraws(tl, 15);
    redraws_met = redraws_met && s.worst <= 16;
    std::printf(
        "  showing 1/%-7.0f of the run (%.3g ns/px): median %.2f ms, worst %.2f ms  goal <= 16 ms: "
        "%s\n",
        factor, tl.scale().ns_per_px, s.median, s.worst, s.worst <= 16 ? "met" : "MISSED");
  }
  return first_cpu <= 1000 && worst <= 100 && redraws_met && !first.isNull() ? 0 : 1;
}
