// Where the boxes and wires of a NetworkGraph go, laid out by Graphviz (`dot` left to right or
// top to bottom, or `neato` for a long chain: whichever fits the frame best). Qt-free: the caller
// gives each node's size (the view measures its text), the layout gives centres and wires in the
// same units, y pointing down.
//
// Invariants: processes / channels / edges are parallel to the graph's lists; every box lies
// within [0, width] x [0, height]; an edge's curve starts on its source node's border and ends
// on its target's (put: process -> channel, take: channel -> process), as a cubic Bézier
// polyline (points 0, 3, 6, ... are on the curve, the others control points). The same input
// gives the same layout.
#pragma once

#include "network_graph.hpp"

#include <vector>

namespace cspview {

struct NodeBox {
  double w = 0, h = 0;
};

struct LaidNode {
  double x = 0, y = 0;  // centre
  double w = 0, h = 0;
};

struct LaidPoint {
  double x = 0, y = 0;
};

struct NetworkLayout {
  double width = 0, height = 0;
  std::vector<LaidNode> processes;
  std::vector<LaidNode> channels;
  std::vector<std::vector<LaidPoint>> edges;  // one curve per graph edge
};

// process_boxes / channel_boxes: the size of each shown node, parallel to g.processes /
// g.channels; aspect: width / height of the frame it will be drawn in (the layout that can be
// drawn largest there is chosen). Serialises on a process-wide lock (Graphviz is not
// thread-safe).
NetworkLayout layout_network(const NetworkGraph& g, const std::vector<NodeBox>& process_boxes,
                             const std::vector<NodeBox>& channel_boxes, double aspect = 1.6);

}  // namespace cspview
