// The marker of a scheduler deviation (schedule_deviations.hpp): a small solid badge with "»"
// (this one went ahead), in the theme's deviation colour, outlined in the background colour so
// that it stands out on every state colour, with a short label beside it where that fits
// ("before phil-2"). Unlike the event markers it is never folded away: a lane that has one
// shows it at every zoom.
#pragma once

#include "theme.hpp"

#include <QPainter>
#include <QRectF>

namespace cspview {

// The badge's box for a lane row of height h whose drawable part starts at top, centred at x.
QRectF deviation_badge(double x, int top, int h);
// Draws the badge; `selected` rings it as the cursor's event.
void draw_deviation_marker(QPainter& p, const Theme& theme, const QRectF& badge, bool selected);

}  // namespace cspview
