// How many events each lane has in each of kBuckets equal stretches of a run, counted in one
// pass while the run's end is not yet known: the level of detail a view of the whole run draws
// from before the events themselves are read (trace_preview.hpp).
//
// Invariants: bucket b of every lane covers [origin + b * width(), origin + (b + 1) * width()),
// width() == 2^shift ns, and every bucket index ever counted is < kBuckets. A time before the
// origin (a pool recording stamps two threads out of order) counts in bucket 0. A lane's
// counts add up to the events counted on it, unless a bucket reached UINT32_MAX (it stays
// there). When a time falls past the last bucket, the width doubles until it fits and every
// lane's buckets merge pairwise: at most 62 times in all, each costing the lanes' buckets.
// Thread safety: none; a finished density is read-only and shareable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace csptrace {

class LaneDensity {
 public:
  static constexpr size_t kBuckets = 1024;
  // Lanes counted per side (processes, channels); those past it keep no counts, so a run of a
  // million processes costs at most 2 x kMaxLanes x kBuckets x 4 bytes (32 MiB).
  static constexpr uint32_t kMaxLanes = 4096;
  enum class Side { Process, Channel };

  // One event at time t on process lane `proc` and channel lane `chan` (either kNone, or any
  // value past kMaxLanes: not counted). The first time counted becomes the origin. Inline: a
  // preview counts every event.
  void add(uint32_t proc, uint32_t chan, int64_t t) {
    if (!started_) start(t);
    const uint64_t b = (t > origin_ ? uint64_t(t) - uint64_t(origin_) : 0) >> shift_;
    if (b >= kBuckets) return add_wider(proc, chan, t);
    count(procs_, proc, b);
    count(chans_, chan, b);
  }

  int64_t origin() const { return origin_; }
  int64_t width() const { return int64_t{1} << shift_; }
  // The lane's counts by bucket (kBuckets of them), or empty when it has none (no events, or
  // past kMaxLanes).
  std::span<const uint32_t> lane(Side side, uint32_t k) const;
  // Whether lane k of a side is within kMaxLanes (its counts, if any, are known).
  static bool counted(uint32_t k) { return k < kMaxLanes; }
  size_t memory_bytes() const;

 private:
  struct Lanes {
    std::vector<uint32_t> counts;  // lane k's buckets at [k * kBuckets, (k + 1) * kBuckets)
    std::vector<uint8_t> any;      // lane k has counted an event (1) or not (0)
  };
  static void count(Lanes& lanes, uint32_t k, uint64_t b) {
    if (k >= lanes.any.size()) {
      if (k >= kMaxLanes) return;
      lanes.counts.resize((size_t{k} + 1) * kBuckets, 0);
      lanes.any.resize(size_t{k} + 1, 0);
    }
    uint32_t& c = lanes.counts[size_t{k} * kBuckets + b];
    // Marked when a bucket gets its first event, not at every event: a byte stored for each
    // event took a fifth of a preview's time (docs/performance.md, "The preview's time").
    if (c == 0) lanes.any[k] = 1;
    c += c != UINT32_MAX;
  }
  void start(int64_t t);
  void add_wider(uint32_t proc, uint32_t chan, int64_t t);  // widens, then adds
  static void merge_pairs(Lanes& lanes, int by);            // every lane's buckets, 2^by into 1

  bool started_ = false;
  int64_t origin_ = 0;
  int shift_ = 0;
  Lanes procs_, chans_;
};

}  // namespace csptrace
