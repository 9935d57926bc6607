#include "network_layout.hpp"

#include <gvc.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace cspview {

namespace {

// Graphviz keeps global state (the current graph's attribute dictionaries, the layout
// engines' statics, the plugin registry) and its C API is not thread-safe. So the whole
// library is used under this one lock: one GVC_t context, created on first use and kept for the
// process's lifetime (freeing and re-creating contexts leaks in Graphviz 2.43), and every
// graph opened, laid out, read and closed while holding the lock. Nothing else in cspscope
// calls Graphviz.
std::mutex& graphviz_lock() {
  static std::mutex m;
  return m;
}
GVC_t* graphviz_context() {  // precondition: graphviz_lock() is held
  static GVC_t* gvc = gvContext();
  return gvc;
}

// neato's prism overlap removal is not repeatable to the last bit (the same graph twice gives
// coordinates ~1e-12 apart), so every coordinate is rounded to 1/64 of a unit: far below a
// pixel, and the same input then gives the same layout.
double snap(double v) { return std::round(v * 64.0) / 64.0; }

std::string inches(double points) { return std::to_string(points / 72.0); }

// Graphviz's attribute setters take char*; the names and values are copied, never kept.
void set(void* obj, const char* name, const std::string& value) {
  agsafeset(obj, const_cast<char*>(name), const_cast<char*>(value.c_str()), const_cast<char*>(""));
}

Agnode_t* add_node(Agraph_t* g, const std::string& name, NodeBox box, const char* shape) {
  Agnode_t* n = agnode(g, const_cast<char*>(name.c_str()), 1);
  set(n, "shape", shape);
  set(n, "fixedsize", "true");
  set(n, "label", "");
  set(n, "width", inches(box.w));
  set(n, "height", inches(box.h));
  return n;
}

struct GraphCloser {
  void operator()(Agraph_t* g) const {
    gvFreeLayout(graphviz_context(), g);
    agclose(g);
  }
};

// The most nodes neato draws with curved wires (see lay_out).
constexpr size_t kCurvedWiresUpTo = 120;

// One way to lay the network out: Graphviz's engine and its graph attributes.
struct Style {
  const char* engine;
  std::vector<std::pair<const char*, const char*>> attributes;
  double handicap = 1.0;  // how much larger than the others it must draw to be chosen
};

// Precondition: graphviz_lock() is held.
NetworkLayout lay_out(const Style& style, const NetworkGraph& ng,
                      const std::vector<NodeBox>& process_boxes,
                      const std::vector<NodeBox>& channel_boxes) {
  NetworkLayout out;
  out.processes.resize(ng.processes.size());
  out.channels.resize(ng.channels.size());
  out.edges.resize(ng.edges.size());
  std::unique_ptr<Agraph_t, GraphCloser> g(
      agopen(const_cast<char*>("network"), Agdirected, nullptr));
  // neato routes curved wires around every node through a visibility graph, cubic in the nodes
  // (an alt over 300 channels took 12 s, all in pathplan); past kCurvedWiresUpTo nodes its wires
  // are straight. dot routes its own curves cheaply.
  const bool straight = std::string_view(style.engine) == "neato" &&
                        ng.processes.size() + ng.channels.size() > kCurvedWiresUpTo;
  set(g.get(), "splines", straight ? "line" : "true");
  set(g.get(), "pad", "0.1");
  for (const auto& [name, value] : style.attributes) set(g.get(), name, value);

  std::vector<Agnode_t*> pnode, cnode;
  std::map<uint32_t, size_t> proc_at, chan_at;  // dense index -> position in the graph's lists
  for (size_t i = 0; i < ng.processes.size(); ++i) {
    pnode.push_back(
        add_node(g.get(), "p" + std::to_string(ng.processes[i]), process_boxes.at(i), "box"));
    proc_at[ng.processes[i]] = i;
  }
  for (size_t i = 0; i < ng.channels.size(); ++i) {
    cnode.push_back(
        add_node(g.get(), "c" + std::to_string(ng.channels[i]), channel_boxes.at(i), "box"));
    chan_at[ng.channels[i]] = i;
  }
  // One Graphviz edge per (process, channel) pair, even when the process both puts and takes
  // there (a philosopher and its fork): laid out along the put when there is one.
  std::map<std::pair<uint32_t, uint32_t>, Agedge_t*> wire;
  for (const NetworkEdge& e : ng.edges) {
    auto& slot = wire[{e.proc, e.chan}];
    if (slot) continue;
    Agnode_t* p = pnode[proc_at.at(e.proc)];
    Agnode_t* c = cnode[chan_at.at(e.chan)];
    slot = e.put ? agedge(g.get(), p, c, nullptr, 1) : agedge(g.get(), c, p, nullptr, 1);
    set(slot, "arrowhead", "none");
    set(slot, "arrowtail", "none");
  }

  gvLayout(graphviz_context(), g.get(), style.engine);
  const boxf bb = GD_bb(g.get());
  out.width = snap(bb.UR.x - bb.LL.x);
  out.height = snap(bb.UR.y - bb.LL.y);
  auto laid = [&](Agnode_t* n) {
    return LaidNode{snap(ND_coord(n).x - bb.LL.x), snap(bb.UR.y - ND_coord(n).y),
                    ND_width(n) * 72.0, ND_height(n) * 72.0};
  };
  for (size_t i = 0; i < pnode.size(); ++i) out.processes[i] = laid(pnode[i]);
  for (size_t i = 0; i < cnode.size(); ++i) out.channels[i] = laid(cnode[i]);
  for (size_t i = 0; i < ng.edges.size(); ++i) {
    const NetworkEdge& e = ng.edges[i];
    Agedge_t* ge = wire.at({e.proc, e.chan});
    const splines* spl = ED_spl(ge);
    if (!spl || spl->size == 0) continue;
    std::vector<LaidPoint>& curve = out.edges[i];
    const bezier& bz = spl->list[0];
    for (int k = 0; k < bz.size; ++k)
      curve.push_back({snap(bz.list[k].x - bb.LL.x), snap(bb.UR.y - bz.list[k].y)});
    // The Graphviz edge runs along the put; a take on the same pair runs the other way.
    const bool laid_as_put = agtail(ge) == pnode[proc_at.at(e.proc)];
    if (laid_as_put != e.put) std::reverse(curve.begin(), curve.end());
  }
  return out;
}

}  // namespace

NetworkLayout layout_network(const NetworkGraph& ng, const std::vector<NodeBox>& process_boxes,
                             const std::vector<NodeBox>& channel_boxes, double aspect) {
  if (ng.processes.empty() && ng.channels.empty()) return {};
  // Left to right reads like a pipeline; top to bottom suits a wide fan; a spring layout folds a
  // long chain (the sieve) into the frame instead of shrinking it to a thin line, but its wires
  // cross more, so it must draw a quarter larger than a `dot` layout to win. The one drawn
  // largest in a frame of the given aspect wins (the first on a tie, so the result is stable).
  // overlap_scaling 0: prism only removes overlaps, it does not first spread the graph out.
  static const std::vector<Style> styles = {
      {"dot", {{"rankdir", "LR"}, {"nodesep", "0.3"}, {"ranksep", "0.45"}}},
      {"dot", {{"rankdir", "TB"}, {"nodesep", "0.35"}, {"ranksep", "0.4"}}},
      {"neato", {{"overlap", "prism"}, {"overlap_scaling", "0"}, {"sep", "+14"}}, 1.25},
  };
  std::lock_guard lock(graphviz_lock());
  NetworkLayout best;
  double best_zoom = 0;
  for (const Style& style : styles) {
    NetworkLayout l = lay_out(style, ng, process_boxes, channel_boxes);
    const double zoom =
        std::min(aspect / std::max(l.width, 1.0), 1.0 / std::max(l.height, 1.0)) / style.handicap;
    if (zoom > best_zoom * 1.0001) {
      best = std::move(l);
      best_zoom = zoom;
    }
  }
  return best;
}

}  // namespace cspview
