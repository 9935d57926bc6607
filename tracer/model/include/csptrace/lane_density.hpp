// How many events each lane has in each of at most kBuckets equal stretches of a run, counted
// in one pass while the run's end is not yet known: the level of detail a view of the whole run
// draws from before the events themselves are read (trace_preview.hpp).
//
// Invariants: bucket b of every lane covers [origin + b * width(), origin + (b + 1) * width()),
// width() == 2^shift ns, and every bucket index ever counted is < kBuckets. A time before the
// origin (a pool recording stamps two threads out of order) counts in bucket 0. A lane's
// counts add up to the events counted on it, unless a bucket reached UINT32_MAX (it stays
// there). When a time falls past the last bucket, the width doubles until it fits; a lane's
// buckets are merged to the new width when it is next counted, or by lane(), so the cost is
// the lanes' buckets once per doubling at most, whatever the number of events.
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

  // The first time counted becomes the origin. Inline: a preview counts every event.
  void add(Side side, uint32_t k, int64_t t) {
    std::vector<Lane>& lanes = side == Side::Process ? procs_ : chans_;
    if (started_ && k < lanes.size() && lanes[k].shift == shift_ && !lanes[k].counts.empty()) {
      const uint64_t b = (t > origin_ ? uint64_t(t) - uint64_t(origin_) : 0) >> shift_;
      if (b < kBuckets) {
        uint32_t& c = lanes[k].counts[b];
        c += c != UINT32_MAX;
        return;
      }
    }
    add_slow(side, k, t);
  }
  // Brings every lane to the final width: call once, after the last add().
  void finish();

  int64_t origin() const { return origin_; }
  int64_t width() const { return int64_t{1} << shift_; }
  // The lane's counts by bucket (kBuckets of them), or empty when it has none (no events, or
  // past kMaxLanes). Precondition: finish() was called.
  std::span<const uint32_t> lane(Side side, uint32_t k) const;
  // Whether lane k of that side is within kMaxLanes (its counts, if any, are known).
  static bool counted(uint32_t k) { return k < kMaxLanes; }
  size_t memory_bytes() const;

 private:
  struct Lane {
    std::vector<uint32_t> counts;  // kBuckets, or empty before its first event
    int shift = 0;                 // the width its counts are in (<= shift_)
  };
  void rescale(Lane& lane) const;  // merges its buckets to the width 2^shift_
  void add_slow(Side side, uint32_t k, int64_t t);  // add() that may start, widen or rescale

  bool started_ = false;
  int64_t origin_ = 0;
  int shift_ = 0;
  std::vector<Lane> procs_, chans_;
};

}  // namespace csptrace
