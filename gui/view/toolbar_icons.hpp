// The toolbar's icons, drawn in the theme's colours rather than taken from the widget style: a
// style's icons are dark grey whatever the theme (unreadable on a dark toolbar), and one style
// arrow served both "step" and "view back". Here stepping is triangles (▶, ▶▶, ▶|), view
// history is curved arrows (↶ ↷), and each has a disabled form in the dimmed text colour.
#pragma once

#include "theme.hpp"

#include <QIcon>

namespace cspview {

enum class ToolIcon {
  Open,
  ToStart,
  PrevRendezvous,
  PrevEvent,
  Play,
  Pause,
  NextEvent,
  NextRendezvous,
  ToEnd,
  ViewBack,
  ViewForward,
  Fit,
  NextFinding,
  Follow
};

QIcon toolbar_icon(ToolIcon which, const Theme& theme);

}  // namespace cspview
