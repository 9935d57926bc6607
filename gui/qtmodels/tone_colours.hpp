// The text colours the panels' item models use for a tone (event_tone.hpp), readable on the
// light and on the dark theme's table backgrounds (contrast ≥ 4.5 on both).
#pragma once

#include "event_tone.hpp"

#include <QColor>

namespace cspview {

struct ToneColours {
  QColor problem, notice, dim;
  static ToneColours make(bool dark) {
    return dark ? ToneColours{QColor(0xff, 0x6b, 0x6b), QColor(0xff, 0xb3, 0x4d),
                              QColor(0x9a, 0x9e, 0xa6)}
                : ToneColours{QColor(0xc0, 0x10, 0x10), QColor(0xa0, 0x55, 0x00),
                              QColor(0x70, 0x70, 0x78)};
  }
  QColor of(Tone t) const {
    return t == Tone::Problem ? problem : t == Tone::Notice ? notice : QColor();
  }
};

}  // namespace cspview
