// The sequence chart's timing targets (issue 23): for each trace, building the chart and
// drawing its first frame at 1024x768 in ≤ 1 s, and each step's redraw (the cursor moved one
// event, the frame drawn again) in ≤ 16 ms. It prints one line per trace and exits 1 when a
// target is missed. Not a test: run it by hand (docs/performance.md, "The sequence chart").
//
//   sequence_bench TRACE...
#include "sequence_chart_view.hpp"
#include "trace_document.hpp"

#include <QApplication>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void draw(const cspview::SequenceChartView& v, QImage& img) {
  QPainter p(&img);
  v.paint_frame(p);
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  if (argc < 2) {
    std::fprintf(stderr, "usage: sequence_bench TRACE...\n");
    return 2;
  }
  bool ok = true;
  std::printf("%-28s %9s %7s %10s %12s %12s %12s\n", "trace", "events", "rows", "load ms",
              "layout+draw", "step median", "step worst");
  for (int a = 1; a < argc; ++a) {
    const auto t_load = Clock::now();
    auto doc = cspview::load_document(argv[a]);
    const double load = ms_since(t_load);
    cspview::SequenceChartView view;
    view.resize(1024, 768);
    QImage img(view.size(), QImage::Format_ARGB32_Premultiplied);
    const auto& m = doc->model();
    const size_t start = m.size() / 2;
    const auto t0 = Clock::now();
    view.set_document(doc);
    view.set_cursor(start, nullptr);
    draw(view, img);
    const double first = ms_since(t0);
    // Stepping: 200 steps forward from the middle (or the whole trace when shorter).
    std::vector<double> steps;
    for (size_t e = m.size() > 200 ? start : 0; e < m.size() && steps.size() < 200; ++e) {
      const auto t = Clock::now();
      view.set_cursor(e, nullptr);
      draw(view, img);
      steps.push_back(ms_since(t));
    }
    std::sort(steps.begin(), steps.end());
    const double median = steps.empty() ? 0 : steps[steps.size() / 2],
                 worst = steps.empty() ? 0 : steps.back();
    std::printf("%-28s %9zu %7zu %10.1f %12.1f %12.2f %12.2f\n",
                std::string(argv[a]).substr(std::string(argv[a]).find_last_of('/') + 1).c_str(),
                m.size(), view.layout().rows().size(), load, first, median, worst);
    ok = ok && first <= 1000 && worst <= 16;
  }
  if (!ok) std::printf("a target was missed: layout+draw ≤ 1000 ms, each step ≤ 16 ms\n");
  return ok ? 0 : 1;
}
