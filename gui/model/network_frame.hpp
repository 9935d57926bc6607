// What the process network shows at the cursor, Qt-free, so the view paints it and the tests
// read it without pixels: which processes are spawned and in what state, what each channel
// holds, the message of the current step and which wires it runs along, and the wait-for cycle
// of a deadlock once its waits have all begun.
//
// The facts have their owners: states and buffers come from the replay state at the cursor,
// the cycle from the analysis's findings (TraceDocument::overlay_for), the stuck processes from
// TraceDocument::stuck(); nothing here re-derives them.
#pragma once

#include "network_graph.hpp"
#include "trace_document.hpp"

#include <csptrace/replay_state.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace cspview {

// The deadlock the network draws in red: the first finding (in reading order) whose overlay has
// a wait-for cycle, as wires of the graph. Computed once per document.
struct NetworkCycle {
  std::vector<size_t> edges;        // indices into NetworkGraph::edges on the cycle
  std::vector<uint32_t> processes;  // the cycle's processes (dense indices)
  std::vector<size_t> park_events;  // the park / block that began each cycle wait
};
NetworkCycle network_cycle(const TraceDocument& doc, const NetworkGraph& g);

struct NetworkFrame {
  struct Process {
    bool shown = false;  // spawned by the cursor (all, before the analysis)
    bool known = false;  // the state is known (the replay is in)
    csptrace::ProcState state = csptrace::ProcState::NotStarted;
    csptrace::WaitOp op = csptrace::WaitOp::Take;  // for waiting states
    bool stuck = false;                            // waits forever, and that wait has begun
  };
  struct Channel {
    bool shown = false;  // made by the cursor (all, before the analysis)
    uint32_t level = 0;
    bool closed = false;
    std::string fill;  // channel_fill_text at the cursor
  };
  struct Message {
    size_t event = 0;
    std::optional<size_t> in, out;  // graph edges it runs along: into / out of its channel
    std::string value;              // its value as text, empty when not recorded
  };
  std::optional<size_t> cursor;
  std::vector<Process> processes;  // parallel to NetworkGraph::processes
  std::vector<Channel> channels;   // parallel to NetworkGraph::channels
  std::optional<Message> message;
  bool cycle_formed = false;  // every wait of the cycle has begun by the cursor
};

// state: the replay at the cursor, or null before the analysis (then everything is shown and
// no state is known).
NetworkFrame network_frame(const TraceDocument& doc, const NetworkGraph& g,
                           const NetworkCycle& cycle, std::optional<size_t> cursor,
                           const csptrace::ReplayState* state);

}  // namespace cspview
