// Writes the timeline as it is shown, for slides: SVG (vector, through the same painter as the
// screen) or a raster image (PNG, ...) chosen by the file's suffix.
#pragma once

#include "timeline_widget.hpp"

#include <QString>

namespace cspview {

// False with *error naming the file when it cannot be written.
bool export_timeline(TimelineWidget& timeline, const QString& path, const QString& title,
                     QString* error);

}  // namespace cspview
