// Paints a NetworkScene: the wires (the message's in the story colour, a formed deadlock's in
// red), the channel nodes with their kind and buffer, the process boxes in their state colours,
// the message travelling along its wires with its value, the step's caption on top and a legend
// of the colours in use below. Text is drawn as text, so an SVG keeps every name.
#pragma once

#include "network_scene.hpp"

#include <QPainter>

namespace cspview {

void paint_network(QPainter& p, const NetworkScene& s);

// The message's position along its wires at a progress of 0..1 (its in wire, then its out wire),
// in frame pixels; nullopt when there is no message.
std::optional<QPointF> message_point(const NetworkScene& s);

}  // namespace cspview
