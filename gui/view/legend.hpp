// The legend under the timeline: the state colours and the other fills, in as many rows as the
// width needs; with `deviations` (the trace has scheduler deviations) also their badge.
#pragma once

#include "theme.hpp"

#include <QFont>
#include <QPainter>
#include <QRect>
#include <QStringList>

namespace cspview {

class Legend {
 public:
  static int height(const Theme& theme, const QFont& font, int width, bool deviations = false);
  static void paint(QPainter& p, const Theme& theme, const QFont& font, const QRect& area,
                    bool deviations = false);
  // What each swatch says, in the order painted (view_json's "legend").
  static QStringList texts(bool deviations = false);
};

}  // namespace cspview
