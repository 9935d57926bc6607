// Colours and sizes of the viewer, in one place: a light and a dark theme, and a presentation
// variant of each (large fonts, strong contrast) for a projector. State colours follow the
// conventions of gotraceui: green runs, blue / orange / purple wait, red is kept for problems.
#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>
#include <QString>

#include <array>

namespace cspview {

// The states a process lane is coloured by (the legend lists them in this order).
enum class StateColour : int {
  Running,
  Runnable,
  ParkedPut,
  ParkedTake,
  ParkedAlt,
  BlockedThread,
  Sleeping,
  Exited,
  Error,
  count_
};
inline constexpr int kStateColourCount = static_cast<int>(StateColour::count_);
QString state_colour_name(StateColour s);

struct Theme {
  bool dark = false;
  bool presentation = false;
  double font_scale = 1.0;  // multiplies the application font size in the timeline

  QColor background, lane_even, lane_odd, group_background, text, text_dim, grid, axis_background;
  QColor cursor, selection, arrow, arrow_buffered, marker, folded;
  QColor buffer_fill;  // values sitting in a channel's buffer
  QColor problem;      // findings: stuck lanes, the wait-for cycle
  QColor notice;       // worth a look but by design: a dropping buffer's drop
  QColor story;        // the story view: the current hand-over, its label, the caption badge
  QColor match;        // search matches
  QColor deviation, on_deviation;  // a scheduler deviation's badge and its glyph
  QColor window, window_text;      // the toolbar and panels (the palette's Window / WindowText)
  std::array<QColor, kStateColourCount> state;

  QColor state_colour(StateColour s) const { return state[static_cast<size_t>(s)]; }
  QPalette palette() const;  // for the whole application
  QFont font(const QFont& base, double extra_scale = 1.0, bool bold = false) const;

  static Theme make(bool dark, bool presentation);
};

}  // namespace cspview
