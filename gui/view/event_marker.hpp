// The small symbols events leave on their lanes (a dot for a transfer, a triangle for a buffer
// put or take, a diamond for an alt choice, ...), and arrow heads. docs/viewer.md lists them.
#pragma once

#include "theme.hpp"

#include <csptrace/trace_model.hpp>

#include <QPainter>

#include <cstddef>

namespace cspview {

// Draws event e's symbol centred at x within [top, top + h); `selected` rings it.
void draw_event_marker(QPainter& p, const csptrace::TraceModel& m, const Theme& theme, size_t e,
                       double x, int top, int h, bool selected);

// Draws an arrow head at `tip` pointing along (tip - from).
void draw_arrow_head(QPainter& p, QPointF from, QPointF tip, double size);

}  // namespace cspview
