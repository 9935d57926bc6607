#include "caption_painter.hpp"

#include "event_number.hpp"

#include <cmath>

namespace cspview {

namespace {

QFont caption_font(const Theme& theme, const QFont& font) { return theme.font(font, 1.1); }

}  // namespace

int CaptionPainter::height(const Theme& theme, const QFont& font, bool with_warning) {
  const int line =
      QFontMetrics(caption_font(theme, font)).height() + int(std::lround(8 * theme.font_scale));
  return with_warning ? 2 * line : line;
}

void CaptionPainter::paint(QPainter& p) const {
  if (s_.caption_height <= 0) return;
  const QFont f = caption_font(s_.theme, s_.font);
  const QFontMetrics fm(f);
  const int line = fm.height() + int(std::lround(8 * s_.theme.font_scale));
  const QRect band(0, 0, s_.size.width(), line);
  p.fillRect(QRect(0, 0, s_.size.width(), s_.caption_height), s_.theme.background);
  double x = 8;
  const auto& m = s_.doc->model();
  if (s_.cursor && *s_.cursor < m.size()) {
    // The step's number, in the story colour, as on the cursor's badge.
    const QFont bold = s_.theme.font(s_.font, 1.1, true);
    const QString num = QString::fromStdString(event_ref(m, *s_.cursor));
    const double w = QFontMetrics(bold).horizontalAdvance(num) + 12;
    const QRectF box(x, band.top() + 3, w, band.height() - 6);
    p.setPen(Qt::NoPen);
    p.setBrush(s_.theme.story);
    p.drawRoundedRect(box, 4, 4);
    p.setFont(bold);
    p.setPen(Qt::white);
    p.drawText(box, Qt::AlignCenter, num);
    x += w + 8;
  }
  p.setFont(f);
  p.setPen(s_.theme.text);
  const QString text = QString::fromStdString(s_.story.caption);
  p.drawText(QRectF(x, band.top(), s_.size.width() - x - 8, band.height()),
             Qt::AlignVCenter | Qt::AlignLeft,
             fm.elidedText(text, Qt::ElideRight, int(s_.size.width() - x - 8)));
  if (!s_.warning.isEmpty() && s_.caption_height >= 2 * line) {
    const QRect warn(0, line, s_.size.width(), line);
    QColor bg = s_.theme.notice;
    bg.setAlpha(s_.theme.dark ? 60 : 40);
    p.fillRect(warn, bg);
    p.setPen(s_.theme.dark ? s_.theme.notice : s_.theme.notice.darker(130));
    p.drawText(warn.adjusted(8, 0, -8, 0), Qt::AlignVCenter | Qt::AlignLeft,
               fm.elidedText(QStringLiteral("⚠ ") + s_.warning, Qt::ElideRight, warn.width() - 16));
  }
}

}  // namespace cspview
