#include "legend.hpp"

#include "deviation_marker.hpp"

#include <cmath>
#include <vector>

namespace cspview {

namespace {

// How a swatch is drawn: a fill, the deviation badge, or a folded run of states (two state
// colours under the fold's outline, as lane_painter draws a run too busy to show one by one).
enum class Swatch { Fill, Badge, FoldedRun };

struct LegendItem {
  QColor colour;
  QString text;
  Qt::BrushStyle style;
  Swatch swatch = Swatch::Fill;
};

std::vector<LegendItem> legend_items(const Theme& t, bool deviations) {
  std::vector<LegendItem> items;
  for (int i = 0; i < kStateColourCount; ++i)
    items.push_back({t.state[i], state_colour_name(static_cast<StateColour>(i)), Qt::SolidPattern});
  items.push_back({t.problem, QStringLiteral("stuck"), Qt::BDiagPattern});
  items.push_back({t.buffer_fill, QStringLiteral("buffered values"), Qt::SolidPattern});
  items.push_back({t.folded, QStringLiteral("folded events"), Qt::Dense4Pattern});
  items.push_back({t.folded, QStringLiteral("folded states: the one held longest"),
                   Qt::SolidPattern, Swatch::FoldedRun});
  if (deviations)
    items.push_back(
        {t.deviation, QStringLiteral("scheduler deviation (D)"), Qt::SolidPattern, Swatch::Badge});
  return items;
}

// Lays the legend out in rows that fit `width`; calls place(item, x, row) for each.
template <class Place>
int layout_legend(const Theme& t, bool deviations, const QFontMetrics& fm, double box, int width,
                  Place place) {
  double x = 8;
  int row = 0;
  for (const LegendItem& item : legend_items(t, deviations)) {
    const double w = box * 1.6 + 4 + fm.horizontalAdvance(item.text) + 14;
    if (x + w > width && x > 8) {
      x = 8;
      ++row;
    }
    place(item, x, row);
    x += w;
  }
  return row + 1;
}

}  // namespace

int Legend::height(const Theme& theme, const QFont& font, int width, bool deviations) {
  const int row_h = int(std::lround(26 * theme.font_scale));
  const QFontMetrics fm(theme.font(font, 0.9));
  return row_h * layout_legend(theme, deviations, fm, row_h * 0.45, width,
                               [](const LegendItem&, double, int) {});
}

QStringList Legend::texts(bool deviations) {
  QStringList out;  // the texts are every theme's
  for (const LegendItem& item : legend_items(Theme::make(false, false), deviations))
    out.append(item.text);
  return out;
}

void Legend::paint(QPainter& p, const Theme& theme, const QFont& font, const QRect& r,
                   bool deviations) {
  p.fillRect(r, theme.axis_background);
  const QFont f = theme.font(font, 0.9);
  p.setFont(f);
  const QFontMetrics fm(f);
  const int row_h = int(std::lround(26 * theme.font_scale));
  const double box = row_h * 0.45;
  layout_legend(
      theme, deviations, fm, box, r.width(), [&](const LegendItem& item, double x, int row) {
        const double cy = r.top() + row * row_h + row_h / 2.0;
        QRectF sw(x, cy - box / 2, box * 1.6, box);
        switch (item.swatch) {
          case Swatch::Badge:
            draw_deviation_marker(
                p, theme, deviation_badge(sw.center().x(), int(cy - box), int(2 * box)), false);
            break;
          case Swatch::FoldedRun: {
            const double half = sw.width() / 2;
            p.fillRect(QRectF(sw.left(), sw.top(), half, sw.height()),
                       theme.state_colour(StateColour::Running));
            p.fillRect(QRectF(sw.left() + half, sw.top(), half, sw.height()),
                       theme.state_colour(StateColour::ParkedPut));
            p.setPen(QPen(item.colour, 1));
            p.setBrush(Qt::NoBrush);
            p.drawRect(sw);
            break;
          }
          case Swatch::Fill: p.fillRect(sw, QBrush(item.colour, item.style)); break;
        }
        p.setPen(theme.text);
        p.drawText(QPointF(x + sw.width() + 4, cy + fm.ascent() / 2.0 - 1), item.text);
      });
}

}  // namespace cspview
