// Level-of-detail summaries of a timeline (issue 26): the run of a busy lane cut into equal
// time buckets, each holding what a view zoomed out that far draws. A process's bucket says
// which state it spent the most time in there and how many state changes it folds; a channel's
// bucket says the lowest and highest buffer level it went through, whether anyone waited on it,
// and how many steps it folds. Each coarser level halves the bucket count, so a view of W
// pixels reads about W buckets a lane at any zoom instead of sampling the full data, which at
// a million changes a pixel shows only the change the sample hits.
//
// Every level is exact: a coarse bucket's answers equal those computed from the full data over
// its time range (tests/tracer/test_timeline_summary.cpp checks each bucket of each level).
//
// A lane gets a summary only when it changes often (SummaryOptions::min_changes); drawing a
// quiet lane from its full data costs little. The finest level has at most one bucket per
// changes_per_bucket changes and the coarser ones as many again, so with the defaults the
// summaries take at most half a byte an interval (8-byte buckets) and a byte a step (16).
#pragma once

#include <csptrace/replay_state.hpp>
#include <csptrace/timeline.hpp>
#include <csptrace/trace_model.hpp>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace csptrace {

struct ProcessBucket {
  uint32_t changes = 0;  // intervals that begin in the bucket
  // The state (with its operation, for a wait) held the longest within the bucket; a tie goes
  // to the state first in ProcState's order, then to the operation first in WaitOp's. Only
  // meaningful when covered.
  ProcState state = ProcState::NotStarted;
  WaitOp op = WaitOp::Take;
  bool covered = false;  // some interval of nonzero length overlaps the bucket
};

struct ChannelBucket {
  uint32_t steps = 0;  // occupancy steps that begin in the bucket
  // Over the steps in force within the bucket: the one in force at its start and those that
  // begin in it (a step that lasts no time counts: the channel went through that level).
  uint32_t low = 0, high = 0;  // lowest and highest buffer level
  bool putters = false;        // a process waited to put
  bool takers = false;         // a process waited to take
  bool covered = false;        // some step is in force within the bucket
};

static_assert(sizeof(ProcessBucket) == 8 && sizeof(ChannelBucket) == 16);  // as SummaryOptions says

// x with step s in force somewhere within its range too (its steps count is left alone).
void include_step(ChannelBucket& x, const OccupancyStep& s);
// The bucket of two adjacent ranges, a's just before b's.
ChannelBucket joined(const ChannelBucket& a, const ChannelBucket& b);

// The levels of one lane. Bucket b of level k covers [origin + b * w, origin + (b + 1) * w)
// with w = width(k) = width(0) << k; level 0 is the finest, the last level is one bucket.
template <class Bucket>
class LaneLevels {
 public:
  int64_t origin() const { return origin_; }
  size_t levels() const { return level_at_.size() - 1; }
  int64_t width(size_t level) const { return width0_ << level; }
  std::span<const Bucket> buckets(size_t level) const {
    return {buckets_.data() + level_at_[level], level_at_[level + 1] - level_at_[level]};
  }
  // The finest level whose buckets are at least ns wide (the coarsest if none is).
  size_t level_for(double ns) const {
    size_t k = 0;
    while (k + 1 < levels() && double(width(k)) < ns) ++k;
    return k;
  }
  // The bucket of `level` that holds time t, clamped to the level's buckets.
  size_t bucket_at(size_t level, int64_t t) const {
    if (t <= origin_) return 0;
    const auto b = size_t((t - origin_) / width(level));
    return std::min(b, buckets(level).size() - 1);
  }
  size_t memory_bytes() const {
    return buckets_.capacity() * sizeof(Bucket) + level_at_.capacity() * sizeof(uint32_t);
  }

 private:
  friend class TimelineSummary;
  int64_t origin_ = 0;
  int64_t width0_ = 1;
  std::vector<uint32_t> level_at_;  // level k is buckets_[level_at_[k] .. level_at_[k + 1])
  std::vector<Bucket> buckets_;
};
using ProcessLevels = LaneLevels<ProcessBucket>;
using ChannelLevels = LaneLevels<ChannelBucket>;

struct SummaryOptions {
  size_t min_changes = 256;              // a lane with fewer intervals (steps) gets no summary
  size_t changes_per_bucket = 32;        // the finest level has about changes / this buckets,
  size_t max_buckets = size_t{1} << 16;  // and at most this many
};

// Invariant: every summary was made from the timeline and model given to the constructor, and
// all share the run's origin (Timeline::begin_time) and end (Timeline::end_time); every
// bucket edge of every level is an int64 time (a run too long or too near INT64_MAX for that
// gets no summaries at all).
// Thread safety: immutable once built.
class TimelineSummary {
 public:
  TimelineSummary() = default;
  // One pass over the intervals and steps of tl, which was built from m: linear in them plus
  // the buckets. Throws LoadCancelled within a fraction of a second of *cancel turning true.
  TimelineSummary(const Timeline& tl, const TraceModel& m, const SummaryOptions& options = {},
                  const std::atomic<bool>* cancel = nullptr);

  // The summary of process p (channel c), or null when the lane changes too seldom to have one.
  const ProcessLevels* process(uint32_t p) const { return find(processes_, p); }
  const ChannelLevels* channel(uint32_t c) const { return find(channels_, c); }
  size_t memory_bytes() const;

 private:
  // One lane's levels, over the run [origin, origin + span).
  static ProcessLevels process_levels(const IntervalList& iv, int64_t origin, uint64_t span,
                                      const SummaryOptions& o, const std::atomic<bool>* cancel);
  static ChannelLevels channel_levels(const OccupancyList& steps, int64_t origin, uint64_t span,
                                      const SummaryOptions& o, const std::atomic<bool>* cancel);
  template <class Levels>
  static const Levels* find(const std::vector<std::pair<uint32_t, Levels>>& v, uint32_t lane) {
    const auto it = std::lower_bound(v.begin(), v.end(), lane,
                                     [](const auto& e, uint32_t l) { return e.first < l; });
    return it != v.end() && it->first == lane ? &it->second : nullptr;
  }

  std::vector<std::pair<uint32_t, ProcessLevels>> processes_;  // sorted by lane
  std::vector<std::pair<uint32_t, ChannelLevels>> channels_;   // sorted by lane
};

}  // namespace csptrace
