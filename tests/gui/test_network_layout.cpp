#include <catch2/catch.hpp>

#include <map>

#include "channel_badge.hpp"
#include "fixture_document.hpp"
#include "network_graph.hpp"
#include "network_layout.hpp"

#include <filesystem>

using namespace cspview;

namespace {

NetworkLayout layout_of(const NetworkGraph& g) {
  return layout_network(g, std::vector<NodeBox>(g.processes.size(), {90, 40}),
                        std::vector<NodeBox>(g.channels.size(), {70, 32}));
}

bool same(const NetworkLayout& a, const NetworkLayout& b) {
  auto node_eq = [](const LaidNode& x, const LaidNode& y) {
    return x.x == y.x && x.y == y.y && x.w == y.w && x.h == y.h;
  };
  if (a.width != b.width || a.height != b.height || a.processes.size() != b.processes.size() ||
      a.channels.size() != b.channels.size() || a.edges.size() != b.edges.size())
    return false;
  for (size_t i = 0; i < a.processes.size(); ++i)
    if (!node_eq(a.processes[i], b.processes[i])) return false;
  for (size_t i = 0; i < a.channels.size(); ++i)
    if (!node_eq(a.channels[i], b.channels[i])) return false;
  for (size_t i = 0; i < a.edges.size(); ++i) {
    if (a.edges[i].size() != b.edges[i].size()) return false;
    for (size_t k = 0; k < a.edges[i].size(); ++k)
      if (a.edges[i][k].x != b.edges[i][k].x || a.edges[i][k].y != b.edges[i][k].y) return false;
  }
  return true;
}

bool inside(const LaidNode& n, const NetworkLayout& l) {
  const double eps = 0.5;
  return n.x - n.w / 2 >= -eps && n.y - n.h / 2 >= -eps && n.x + n.w / 2 <= l.width + eps &&
         n.y + n.h / 2 <= l.height + eps;
}

}  // namespace

TEST_CASE("the network wires putters to channels to takers over the whole run", "[network]") {
  const auto doc = fixture("hotdog.jsonl");
  const NetworkGraph g = network_graph(doc->model());
  REQUIRE(g.processes.size() == 2);
  REQUIRE(g.channels.size() == 2);
  CHECK(g.note.empty());
  std::vector<std::string> wires;
  for (const NetworkEdge& e : g.edges) {
    const std::string p = doc->process_label(e.proc), c = doc->channel_label(e.chan);
    wires.push_back(e.put ? p + " -> " + c : c + " -> " + p);
    CHECK(e.uses > 0);
  }
  CHECK(wires == std::vector<std::string>{"main -> in", "out -> main", "in -> hot-dog-machine",
                                          "hot-dog-machine -> out"});
}

TEST_CASE("a process that only ever waits is wired to what it waits on", "[network]") {
  const auto doc = fixture("gui-philosophers-deadlock.jsonl");
  const NetworkGraph g = network_graph(doc->model());
  const auto& m = doc->model();
  // main never touches "done" but by waiting to take from it.
  bool main_takes_done = false;
  for (const NetworkEdge& e : g.edges)
    if (m.str(m.processes()[e.proc].name) == "main" && m.str(m.channels()[e.chan].name) == "done" &&
        !e.put)
      main_takes_done = true;
  CHECK(main_takes_done);
}

TEST_CASE("the layout holds every process and channel of each fixture trace, the same every time",
          "[network]") {
  size_t traces = 0;
  for (const auto& entry : std::filesystem::directory_iterator(CSP_FIXTURES)) {
    if (entry.path().extension() != ".jsonl") continue;
    const auto doc = cspview::load_document(entry.path().string());
    const auto& m = doc->model();
    INFO(entry.path().filename().string());
    const NetworkGraph g = network_graph(m);
    CHECK(g.processes.size() == m.processes().size());
    // Every channel, but a result channel nobody read (and then the note says so).
    for (uint32_t c = 0; c < m.channels().size(); ++c)
      if (!std::binary_search(g.channels.begin(), g.channels.end(), c)) {
        CHECK(m.channels()[c].result_of != csptrace::kNone);
        CHECK(g.note.find("result channel") != std::string::npos);
      }
    const NetworkLayout l = layout_of(g);
    REQUIRE(l.processes.size() == g.processes.size());
    REQUIRE(l.channels.size() == g.channels.size());
    REQUIRE(l.edges.size() == g.edges.size());
    for (const LaidNode& n : l.processes) CHECK(inside(n, l));
    for (const LaidNode& n : l.channels) CHECK(inside(n, l));
    for (const auto& curve : l.edges) CHECK(curve.size() >= 4);
    CHECK(same(l, layout_of(network_graph(m))));
    ++traces;
  }
  CHECK(traces >= 20);
}

TEST_CASE("a big network shows its busiest processes and says so", "[network]") {
  const auto doc = fixture("gui-philosophers-deadlock.jsonl");
  const NetworkGraph g = network_graph(doc->model(), 2);
  CHECK(g.processes.size() == 2);
  CHECK(g.note == "showing the 2 busiest processes of 4");
  for (const NetworkEdge& e : g.edges) {
    CHECK(std::binary_search(g.processes.begin(), g.processes.end(), e.proc));
    CHECK(std::binary_search(g.channels.begin(), g.channels.end(), e.chan));
  }
  for (uint32_t c : g.channels) {
    bool used = false;
    for (const NetworkEdge& e : g.edges) used = used || e.chan == c;
    CHECK(used);
  }
  // The wires kept are those of the whole network between what is shown, uses and first event
  // included (only the shown processes' wires are collected).
  std::vector<NetworkEdge> expected;
  for (const NetworkEdge& e : network_graph(doc->model()).edges)
    if (std::binary_search(g.processes.begin(), g.processes.end(), e.proc) &&
        std::binary_search(g.channels.begin(), g.channels.end(), e.chan))
      expected.push_back(e);
  CHECK(g.edges == expected);
}

TEST_CASE(
    "a network of many channels shows its busiest channels and says so (hostile: an alt over "
    "3000 channels hung the layout)",
    "[network]") {
  const auto doc = fixture("gui-philosophers-deadlock.jsonl");
  const NetworkGraph all = network_graph(doc->model());
  REQUIRE(all.channels.size() > 2);
  const NetworkGraph g = network_graph(doc->model(), kNetworkMaxProcesses, 2);
  CHECK(g.channels.size() == 2);
  CHECK(g.note.find("showing the 2 busiest channels of " + std::to_string(all.channels.size())) ==
        0);
  // The two kept are the ones with the most uses along their wires.
  std::map<uint32_t, uint64_t> uses;
  for (const NetworkEdge& e : all.edges) uses[e.chan] += e.uses;
  uint64_t least_kept = UINT64_MAX, most_dropped = 0;
  for (const auto& [c, n] : uses) {
    const bool kept = std::binary_search(g.channels.begin(), g.channels.end(), c);
    if (kept)
      least_kept = std::min(least_kept, n);
    else
      most_dropped = std::max(most_dropped, n);
  }
  CHECK(least_kept >= most_dropped);
  for (const NetworkEdge& e : g.edges)
    CHECK(std::binary_search(g.channels.begin(), g.channels.end(), e.chan));
}

TEST_CASE("a channel node says its kind and its buffer's fill", "[network]") {
  csptrace::ChannelInfo fixed;
  fixed.buffer = csptrace::BufferKind::Fixed;
  fixed.cap = 3;
  CHECK(channel_kind_text(fixed) == "fixed(3)");
  csptrace::ChannelState s;
  CHECK(channel_fill_text(fixed, s) == "\u25AF\u25AF\u25AF");
  s.closed = true;
  CHECK(channel_fill_text(fixed, s) == "\u25AF\u25AF\u25AF closed");
  csptrace::ChannelInfo big = fixed;
  big.cap = 100;
  CHECK(channel_fill_text(big, csptrace::ChannelState{}) == "0/100");
  csptrace::ChannelInfo unbuffered;
  CHECK(channel_kind_text(unbuffered) == "unbuffered");
  CHECK(channel_fill_text(unbuffered, csptrace::ChannelState{}).empty());
}
