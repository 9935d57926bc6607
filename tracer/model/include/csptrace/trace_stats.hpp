// Summary numbers of a loaded trace (csptrace stats; the viewer may show the same).
#pragma once

#include <csptrace/trace_model.hpp>

#include <array>
#include <cstdint>
#include <vector>

namespace csptrace {

struct ChannelStats {
  uint64_t transfers = 0;    // transfer events on the channel
  uint32_t max_level = 0;    // highest buffer level seen (buf_put / buf_take / buf_drop)
  int64_t put_wait_ns = 0;   // time during which at least one putter waited on it
  int64_t take_wait_ns = 0;  // time during which at least one taker waited on it
};

struct TraceStats {
  uint64_t events = 0;
  std::array<uint64_t, kKindCount> per_kind{};
  int64_t duration_ns = 0;             // t of the last event minus t of the first
  std::vector<ChannelStats> channels;  // by dense channel index
};

// A process waits on a channel from its park / block (op put or take, or each guard of an
// alt) to its resume / unblock, or to the end of the trace if it never resumes.
TraceStats compute_stats(const TraceModel& m);

}  // namespace csptrace
