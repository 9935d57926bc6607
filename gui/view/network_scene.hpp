// Everything one frame of the process network needs, gathered by NetworkView and read by
// NetworkPainter (the screen, PNG and SVG draw from the same scene), and the fit that maps the
// layout's units onto the frame.
#pragma once

#include "network_frame.hpp"
#include "network_graph.hpp"
#include "network_layout.hpp"
#include "theme.hpp"
#include "trace_document.hpp"

#include <QFont>
#include <QPointF>
#include <QRectF>
#include <QSize>
#include <QString>

namespace cspview {

struct NetworkScene {
  const TraceDocument* doc = nullptr;
  const NetworkGraph* graph = nullptr;
  const NetworkLayout* layout = nullptr;  // in the units of name_font at scale 1
  const NetworkCycle* cycle = nullptr;
  const NetworkFrame* frame = nullptr;
  Theme theme;
  QFont name_font, detail_font, caption_font;
  QString caption;        // the cursor's step in words (story_at)
  double progress = 1.0;  // where the message is along its wires, 0..1
  QSize size;

  // Bands above and below the graph, in pixels: the step's caption; the legend and notes.
  int top_band() const;
  int bottom_band() const;
  // Layout units -> frame pixels: the graph centred in the space between the bands, scaled to fit
  // but never enlarged more than kMaxZoom (a two-box network should not fill a wall).
  static constexpr double kMaxZoom = 2.2;
  double zoom() const;
  QPointF offset() const;
  QPointF map(double x, double y) const { return offset() + QPointF(x, y) * zoom(); }
  QRectF node_rect(const LaidNode& n) const {
    return QRectF(map(n.x - n.w / 2, n.y - n.h / 2), QSizeF(n.w, n.h) * zoom());
  }
};

}  // namespace cspview
