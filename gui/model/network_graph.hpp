// The process network of a trace, as a lecturer draws it on the board: processes, channels, and
// a wire from every process that put on a channel to it and from the channel to every process
// that took from it, over the whole run. Qt-free; derived once per trace (one pass over the
// events) and then only read, so the network view's layout stays put while the cursor moves.
//
// Who put / took: a transfer's from / to, a buffer put's / take's proc, and the processes that
// waited to put / take (park, block, an alt's guard, a refused operation), so that a process
// that only ever waits (a deadlocked philosopher) is still wired to what it waits on; a go's
// result channel is wired from the process whose result it carries, and left out (with a
// note) when nobody used it otherwise.
//
// Invariants: processes and channels are dense model indices in ascending order, each listed
// once; every edge joins a listed process and a listed channel; edges are unique per
// (process, channel, direction) and sorted by it.
#pragma once

#include <csptrace/trace_model.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace cspview {

struct NetworkEdge {
  uint32_t proc = 0;
  uint32_t chan = 0;
  bool put = true;         // true: proc -> chan (it put); false: chan -> proc (it took)
  uint64_t uses = 0;       // how many events of the trace go along this wire
  size_t first_event = 0;  // the first of them
  bool operator==(const NetworkEdge&) const = default;
};

struct NetworkGraph {
  std::vector<uint32_t> processes;  // shown processes (dense indices)
  std::vector<uint32_t> channels;   // shown channels (dense indices)
  std::vector<NetworkEdge> edges;
  // Empty when everything is shown; else "showing the 200 busiest processes of 1,234" and / or
  // "not drawn: 11 result channels nobody read".
  std::string note;
  bool operator==(const NetworkGraph&) const = default;
};

// The default cap: a graph of more boxes than this is unreadable on a projector and slow to lay
// out.
inline constexpr size_t kNetworkMaxProcesses = 200;
inline constexpr size_t kNetworkMaxChannels = 300;

// Linear in the events. With more processes than max_processes, keeps the busiest (most events,
// ties by index) and the channels they use; otherwise every process and every channel but the
// unread result channels. Of those channels, more than max_channels (one alt over thousands of
// channels) keeps the busiest (most uses along their wires, ties by index).
NetworkGraph network_graph(const csptrace::TraceModel& m,
                           size_t max_processes = kNetworkMaxProcesses,
                           size_t max_channels = kNetworkMaxChannels);

}  // namespace cspview
