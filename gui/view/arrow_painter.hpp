// The rendezvous arrows: for each transfer, sender's lane → channel's ● (bowing left) → receiver's
// lane (bowing right, head on the receiver); a buffered hand-over as two dashed arrows. The same
// geometry serves painting, the story view's highlight and hit testing, so a click on an
// arrow's curve selects its transfer.
#pragma once

#include "timeline_scene.hpp"

#include <QPainter>
#include <QPainterPath>

#include <optional>
#include <vector>

namespace cspview {

struct RendezvousArrow {
  size_t event = 0;
  QPainterPath path;       // the whole curve
  QPointF head_from, tip;  // the head's direction (its control point) and tip
  bool buffered = false;   // dashed: into or out of a buffer
};

class ArrowPainter {
 public:
  explicit ArrowPainter(const TimelineScene& scene) : s_(scene) {}

  // The arrow of one transfer or buffer put, when its lanes are shown.
  std::optional<RendezvousArrow> arrow(size_t event) const;
  // The visible ones; empty when more than fit side by side (the folded marks count them).
  std::vector<RendezvousArrow> visible() const;
  void paint(QPainter& p) const;
  // The story view's hand-over: thick, in the story colour, above everything, with its label
  // ("main → in → hot-dog-machine: \"pocket lint\"") where it does not cover the cursor badge.
  void paint_focus(QPainter& p) const;

 private:
  const TimelineScene& s_;
};

}  // namespace cspview
