#include "network_scene.hpp"

#include <QFontMetrics>

#include <algorithm>

namespace cspview {

namespace {
constexpr int kMargin = 12;
}

int NetworkScene::top_band() const { return 2 * QFontMetrics(caption_font).height() + 2 * kMargin; }

int NetworkScene::bottom_band() const {
  return QFontMetrics(caption_font).height() * 2 + 2 * kMargin;
}

double NetworkScene::zoom() const {
  if (!layout || layout->width <= 0 || layout->height <= 0) return 1.0;
  const double w = size.width() - 2.0 * kMargin, h = size.height() - top_band() - bottom_band();
  return std::clamp(std::min(w / layout->width, h / layout->height), 0.05, kMaxZoom);
}

QPointF NetworkScene::offset() const {
  if (!layout) return {};
  const double z = zoom();
  const double h = size.height() - top_band() - bottom_band();
  return {(size.width() - layout->width * z) / 2.0,
          top_band() + std::max(0.0, (h - layout->height * z) / 2.0)};
}

}  // namespace cspview
