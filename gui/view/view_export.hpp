// Writes a view on the cursor (cursor_view.hpp) as its current frame: SVG through
// QSvgGenerator, with names and values as real text, or a raster image (PNG, ...) by the file's
// suffix. Both go through the view's paint_frame, so they show what the screen shows.
#pragma once

#include "cursor_view.hpp"

#include <QImage>
#include <QString>

namespace cspview {

// False with *error naming the file when it cannot be written.
bool export_cursor_view(const CursorView& view, const QString& path, const QString& title,
                        QString* error);

// The current frame as an image, frame_size() large (at least 1x1).
QImage render_cursor_view(const CursorView& view);

}  // namespace cspview
