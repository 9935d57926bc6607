#include "timeline_export.hpp"

#include "timeline_painter.hpp"

#include <QPainter>
#include <QSvgGenerator>

namespace cspview {

bool export_timeline(TimelineWidget& timeline, const QString& path, const QString& title,
                     QString* error) {
  if (path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)) {
    const TimelineScene scene = timeline.scene();
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(scene.size);
    svg.setViewBox(QRect(QPoint(0, 0), scene.size));
    svg.setTitle(title);
    QPainter p;
    if (!p.begin(&svg)) {
      if (error) *error = QStringLiteral("%1: cannot write the SVG file").arg(path);
      return false;
    }
    TimelinePainter(scene).paint(p);
    p.end();
    return true;
  }
  if (!timeline.grab().save(path)) {
    if (error)
      *error =
          QStringLiteral("%1: cannot write the image (is the folder writable, the suffix .png?)")
              .arg(path);
    return false;
  }
  return true;
}

}  // namespace cspview
