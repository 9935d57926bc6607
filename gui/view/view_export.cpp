#include "view_export.hpp"

#include <QPainter>
#include <QSvgGenerator>

namespace cspview {

QImage render_cursor_view(const CursorView& view) {
  const QSize size = view.frame_size().expandedTo(QSize(1, 1));
  QImage image(size, QImage::Format_ARGB32_Premultiplied);
  image.fill(Qt::transparent);
  QPainter p(&image);
  view.paint_frame(p);
  return image;
}

bool export_cursor_view(const CursorView& view, const QString& path, const QString& title,
                        QString* error) {
  if (path.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)) {
    const QSize size = view.frame_size().expandedTo(QSize(1, 1));
    QSvgGenerator svg;
    svg.setFileName(path);
    svg.setSize(size);
    svg.setViewBox(QRect(QPoint(0, 0), size));
    svg.setTitle(title);
    QPainter p;
    if (!p.begin(&svg)) {
      if (error)
        *error =
            QStringLiteral("%1: cannot write the SVG file (is the folder writable?)").arg(path);
      return false;
    }
    view.paint_frame(p);
    p.end();
    return true;
  }
  if (!render_cursor_view(view).save(path)) {
    if (error)
      *error =
          QStringLiteral("%1: cannot write the image (is the folder writable, the suffix .png?)")
              .arg(path);
    return false;
  }
  return true;
}

}  // namespace cspview
