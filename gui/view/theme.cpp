#include "theme.hpp"

namespace cspview {

QString state_colour_name(StateColour s) {
  switch (s) {
    case StateColour::Running: return QStringLiteral("running");
    case StateColour::Runnable: return QStringLiteral("runnable");
    case StateColour::ParkedPut: return QStringLiteral("parked: put");
    case StateColour::ParkedTake: return QStringLiteral("parked: take");
    case StateColour::ParkedAlt: return QStringLiteral("parked: alt");
    case StateColour::BlockedThread: return QStringLiteral("blocked thread");
    case StateColour::Sleeping: return QStringLiteral("sleeping");
    case StateColour::Exited: return QStringLiteral("exited");
    case StateColour::Error: return QStringLiteral("error");
    case StateColour::count_: break;
  }
  return {};
}

Theme Theme::make(bool dark, bool presentation) {
  Theme t;
  t.dark = dark;
  t.presentation = presentation;
  t.font_scale = presentation ? 1.6 : 1.0;
  if (!dark) {
    t.background = QColor(0xff, 0xff, 0xff);
    t.lane_even = QColor(0xfa, 0xfa, 0xfc);
    t.lane_odd = QColor(0xf0, 0xf1, 0xf5);
    t.group_background = QColor(0xdd, 0xe1, 0xea);
    t.text = QColor(0x1a, 0x1a, 0x1a);
    t.text_dim = QColor(0x60, 0x60, 0x68);
    t.grid = QColor(0xd0, 0xd3, 0xdb);
    t.axis_background = QColor(0xe8, 0xea, 0xf0);
    t.cursor = QColor(0xff, 0x8c, 0x00);
    t.selection = QColor(0x00, 0x7a, 0xff);
    t.arrow = QColor(0x22, 0x22, 0x22);
    t.arrow_buffered = QColor(0x70, 0x70, 0x70);
    t.marker = QColor(0x33, 0x33, 0x33);
    t.folded = QColor(0x9a, 0x9e, 0xa8);
    t.buffer_fill = QColor(0xe3, 0xb5, 0x48);
    t.problem = QColor(0xd0, 0x10, 0x10);
    t.notice = QColor(0xb0, 0x60, 0x00);
    t.story = QColor(0xc2, 0x18, 0x8a);
    t.match = QColor(0xff, 0xd0, 0x00);
    t.deviation = QColor(0x1a, 0x1a, 0x1a);
    t.on_deviation = QColor(0xff, 0xff, 0xff);
    t.window = QColor(0xef, 0xef, 0xef);
    t.window_text = QColor(0x1a, 0x1a, 0x1a);
    t.state = {QColor(0x2c, 0xa0, 0x2c), QColor(0xa6, 0xdb, 0x8a), QColor(0xf2, 0x8e, 0x2b),
               QColor(0x4e, 0x79, 0xa7), QColor(0xa0, 0x6c, 0xc4), QColor(0x8c, 0x56, 0x3c),
               QColor(0x76, 0xb7, 0xb2), QColor(0xc8, 0xc8, 0xcc), QColor(0xd6, 0x27, 0x28)};
  } else {
    t.background = QColor(0x1e, 0x1f, 0x24);
    t.lane_even = QColor(0x25, 0x27, 0x2d);
    t.lane_odd = QColor(0x2b, 0x2d, 0x34);
    t.group_background = QColor(0x3a, 0x3e, 0x49);
    t.text = QColor(0xf0, 0xf0, 0xf0);
    t.text_dim = QColor(0xa8, 0xac, 0xb4);
    t.grid = QColor(0x44, 0x47, 0x50);
    t.axis_background = QColor(0x30, 0x33, 0x3b);
    t.cursor = QColor(0xff, 0xb0, 0x20);
    t.selection = QColor(0x4d, 0xa6, 0xff);
    t.arrow = QColor(0xf0, 0xf0, 0xf0);
    t.arrow_buffered = QColor(0xb0, 0xb0, 0xb0);
    t.marker = QColor(0xe0, 0xe0, 0xe0);
    t.folded = QColor(0x80, 0x84, 0x8c);
    t.buffer_fill = QColor(0xc9, 0x9a, 0x2e);
    t.problem = QColor(0xff, 0x45, 0x45);
    t.notice = QColor(0xff, 0xa8, 0x40);
    t.story = QColor(0xff, 0x5c, 0xc8);
    t.match = QColor(0xff, 0xd8, 0x30);
    t.deviation = QColor(0xf4, 0xf4, 0xf4);
    t.on_deviation = QColor(0x1e, 0x1f, 0x24);
    t.window = QColor(0x2b, 0x2d, 0x34);
    t.window_text = QColor(0xf0, 0xf0, 0xf0);
    t.state = {QColor(0x3c, 0xc0, 0x4c), QColor(0x7d, 0xa8, 0x68), QColor(0xf5, 0x9e, 0x42),
               QColor(0x5f, 0x93, 0xd0), QColor(0xb8, 0x86, 0xd8), QColor(0xa8, 0x70, 0x50),
               QColor(0x6c, 0xb8, 0xb2), QColor(0x55, 0x58, 0x60), QColor(0xff, 0x45, 0x45)};
  }
  if (presentation) {  // a projector washes out pastels: darker text, stronger lane contrast
    t.text = dark ? QColor(Qt::white) : QColor(Qt::black);
    t.lane_odd = dark ? QColor(0x32, 0x34, 0x3c) : QColor(0xe6, 0xe8, 0xee);
    t.grid = dark ? QColor(0x5a, 0x5d, 0x66) : QColor(0xb8, 0xbc, 0xc6);
  }
  return t;
}

QPalette Theme::palette() const {
  QPalette p;
  if (!dark) return p;
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, window_text);
  p.setColor(QPalette::Base, background);
  p.setColor(QPalette::AlternateBase, lane_odd);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, QColor(0x35, 0x38, 0x40));
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::Highlight, selection);
  p.setColor(QPalette::HighlightedText, Qt::black);
  p.setColor(QPalette::ToolTipBase, QColor(0x35, 0x38, 0x40));
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::PlaceholderText, text_dim);
  p.setColor(QPalette::Disabled, QPalette::Text, text_dim);
  p.setColor(QPalette::Disabled, QPalette::ButtonText, text_dim);
  return p;
}

QFont Theme::font(const QFont& base, double extra_scale, bool bold) const {
  QFont f = base;
  const double size = base.pointSizeF() > 0 ? base.pointSizeF() : 9.0;
  f.setPointSizeF(size * font_scale * extra_scale);
  f.setBold(bold);
  return f;
}

}  // namespace cspview
