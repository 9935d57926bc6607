// The story caption band on top of the timeline: the cursor's step in plain words
// ("#8  main hands \"pocket lint\" to hot-dog-machine through in: a rendezvous, both were
// there"), and under it, when the trace says so, a warning line (the recording was cut short).
// Painted by TimelinePainter, so PNG and SVG exports carry it too.
#pragma once

#include "timeline_scene.hpp"

#include <QPainter>

namespace cspview {

class CaptionPainter {
 public:
  // The band's height for a theme, font and warning (one line, or two with a warning).
  static int height(const Theme& theme, const QFont& font, bool with_warning);

  explicit CaptionPainter(const TimelineScene& scene) : s_(scene) {}
  void paint(QPainter& p) const;

 private:
  const TimelineScene& s_;
};

}  // namespace cspview
