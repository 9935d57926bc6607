// Summary numbers of a loaded trace (csptrace stats; the viewer may show the same).
#pragma once

#include <csptrace/trace_model.hpp>

#include <array>
#include <cstdint>
#include <utility>
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

// compute_stats() a batch of events at a time, for a reader that lets go of each batch once
// used (`csptrace stats`, LoadOptions::on_batch): memory bounded by the processes and channels.
class StatsPass {
 public:
  // Counts the events m gained since the last call (m grew from the model of the last call and
  // holds them whole); after it the reader may retire every event.
  void take(const TraceModel& m);
  // The stats of the complete model m (its events not yet taken are taken first).
  TraceStats finish(const TraceModel& m) &&;

 private:
  // Per channel and direction: how many processes wait now and since when one has waited.
  struct WaitCounter {
    uint32_t waiting = 0;
    int64_t since = 0;
    void enter(int64_t t);
    void leave(int64_t t, int64_t& total);
  };
  void enter(uint32_t p, uint32_t c, WaitOp op, int64_t t);
  void leave_all(uint32_t p, int64_t t);

  TraceStats s_;
  size_t next_ = 0;  // the first event not taken
  int64_t first_t_ = 0, last_t_ = 0;
  std::vector<WaitCounter> puts_, takes_;  // by channel
  // What each process waits on now (chan index, op), and the guards of its latest alt.
  std::vector<std::vector<std::pair<uint32_t, WaitOp>>> waits_, guards_;
};

}  // namespace csptrace
