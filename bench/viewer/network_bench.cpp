// The process network view on one trace: renders it at an event to PNG and SVG (how the
// pictures in docs/images/network-*.png are made, before the window has a Network tab) and
// times what the view costs: the graph and its Graphviz layout plus the first frame (goal
// ≤ 1 s per sample trace), and a redraw after each step (goal ≤ 16 ms).
//
//   network_bench TRACE [--at N|end] [--size 1024x768] [--png OUT] [--svg OUT]
//                 [--presentation] [--dark] [--steps K]
//
// --at N: the cursor after the event numbered N (csptrace print's numbers); default: the end.
// --steps K: time K redraws while stepping from the first event (default 200).
#include "event_number.hpp"
#include "network_view.hpp"
#include "trace_document.hpp"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  std::string trace, png, svg, at = "end";
  int w = 1024, h = 768, steps = 200;
  bool presentation = false, dark = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--at")
      at = next();
    else if (a == "--png")
      png = next();
    else if (a == "--svg")
      svg = next();
    else if (a == "--size")
      std::sscanf(next().c_str(), "%dx%d", &w, &h);
    else if (a == "--steps")
      steps = std::stoi(next());
    else if (a == "--presentation")
      presentation = true;
    else if (a == "--dark")
      dark = true;
    else
      trace = a;
  }
  if (trace.empty()) {
    std::fprintf(stderr,
                 "usage: network_bench TRACE [--at N|end] [--size WxH] [--png OUT] [--svg OUT] "
                 "[--presentation] [--dark] [--steps K]\n");
    return 2;
  }
  std::shared_ptr<const cspview::TraceDocument> doc;
  try {
    doc = cspview::load_document(trace);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: %s\n", trace.c_str(), e.what());
    return 1;
  }
  const auto& m = doc->model();
  if (m.empty()) {
    std::fprintf(stderr, "%s: the trace has no events\n", trace.c_str());
    return 1;
  }
  size_t event = m.size() - 1;
  if (at != "end") {
    const auto e = cspview::event_at_number(m, std::stoull(at));
    if (!e) {
      std::fprintf(stderr, "%s: no event numbered %s\n", trace.c_str(), at.c_str());
      return 1;
    }
    event = *e;
  }

  cspview::NetworkView view;
  view.set_animated(false);
  view.setAttribute(Qt::WA_DontShowOnScreen);
  view.resize(w, h);
  view.set_theme(cspview::Theme::make(dark, presentation));
  QImage image(w, h, QImage::Format_ARGB32_Premultiplied);

  // Layout and first frame, as the window pays them when the document arrives.
  const auto t0 = Clock::now();
  view.set_document(doc);
  const double layout_ms = ms_since(t0);
  csptrace::ReplayState state = doc->replay().state_at(event);
  view.set_cursor(event, &state);
  {
    QPainter p(&image);
    view.paint_frame(p);
  }
  const double first_ms = ms_since(t0);

  // Stepping: advance one event, rebuild the frame, paint it.
  csptrace::ReplayState s = doc->replay().initial_state();
  const size_t n = std::min<size_t>(size_t(steps), m.size());
  double worst = 0, total = 0;
  for (size_t i = 0; i < n; ++i) {
    const auto t = Clock::now();
    csptrace::advance(m, s);
    view.set_cursor(i, &s);
    QPainter p(&image);
    view.paint_frame(p);
    const double ms = ms_since(t);
    worst = std::max(worst, ms);
    total += ms;
  }
  std::printf(
      "%s: %zu processes, %zu channels shown; layout %.1f ms, layout + first frame %.1f ms; "
      "%zu steps: mean %.2f ms, worst %.2f ms per redraw\n",
      trace.c_str(), view.graph().processes.size(), view.graph().channels.size(), layout_ms,
      first_ms, n, n ? total / double(n) : 0.0, worst);

  view.set_cursor(event, &state);
  if (!png.empty()) {
    QImage out(view.frame_size(), QImage::Format_ARGB32_Premultiplied);
    QPainter p(&out);
    view.paint_frame(p);
    p.end();
    if (!out.save(QString::fromStdString(png))) {
      std::fprintf(stderr, "%s: cannot write the PNG\n", png.c_str());
      return 1;
    }
  }
  if (!svg.empty()) {
    QSvgGenerator gen;
    gen.setFileName(QString::fromStdString(svg));
    gen.setSize(view.frame_size());
    gen.setViewBox(QRect(QPoint(0, 0), view.frame_size()));
    QPainter p(&gen);
    view.paint_frame(p);
  }
  return 0;
}
