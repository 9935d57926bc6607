#include <csptrace/timeline_summary.hpp>
#include <csptrace/trace_error.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>

namespace csptrace {

namespace {

// A state and operation as one small code, ordered by state and then operation: the index of
// their time in a bucket's tally.
constexpr unsigned kStateShift = 2;
constexpr size_t kCodes = size_t{8} << kStateShift;
static_assert(std::size(EnumTable<ProcState>::entries) <= 8 &&
              std::size(EnumTable<WaitOp>::entries) <= (1u << kStateShift));

unsigned code_of(ProcState s, WaitOp op) { return unsigned(s) << kStateShift | unsigned(op); }

// A run longer than this (about 36 years of nanoseconds) is not summarised, nor one whose
// coarsest bucket (less than four times the run) would end past INT64_MAX: the buckets' edges
// must be int64 times. Its views draw from the full data, as a quiet lane's do.
constexpr uint64_t kMaxSpan = uint64_t{1} << 60;

void check_cancel(const std::atomic<bool>* cancel) {
  if (cancel && cancel->load(std::memory_order_relaxed)) throw LoadCancelled();
}

// Level 0 of a lane with n changes in a run of `span` ns from `origin`: `count` buckets of a
// power-of-two width.
struct Grid {
  int64_t origin;
  int64_t width;
  size_t count;

  Grid(int64_t run_origin, uint64_t span, size_t n, const SummaryOptions& o) : origin(run_origin) {
    const size_t wanted = std::clamp<size_t>(n / std::max<size_t>(o.changes_per_bucket, 1), 1,
                                             std::max<size_t>(o.max_buckets, 1));
    width = int64_t(std::bit_ceil((span + wanted - 1) / wanted));
    count = size_t((span + uint64_t(width) - 1) / uint64_t(width));
  }
  int64_t start(size_t b) const { return origin + int64_t(b) * width; }
  // The bucket of time t (a shift, not a division). A trace's times may run backwards, so an
  // interval or step may lie outside the run: it counts in the first or the last bucket.
  size_t bucket_of(int64_t t) const {
    if (t <= origin) return 0;
    return std::min(size_t(uint64_t(t - origin) >> std::countr_zero(uint64_t(width))), count - 1);
  }
};

// All levels from level 0, each bucket kept as kept(bucket): each coarser level merges pairs
// of the one below until one bucket is left. level_at gets each level's first bucket in the
// result, and one past the last. Holds two levels of Buckets at a time.
template <class Bucket, class Merge, class Keep>
auto all_levels(std::vector<Bucket> level0, Merge merge, Keep kept,
                std::vector<uint32_t>& level_at) {
  std::vector<decltype(kept(level0[0]))> out;
  size_t total = 0;  // about twice level 0, a few more for the halves rounded up
  for (size_t n = level0.size();; n = (n + 1) / 2) {
    total += n;
    if (n <= 1) break;
  }
  out.reserve(total);
  level_at.assign(1, 0);
  std::vector<Bucket> cur = std::move(level0);
  while (true) {
    for (const Bucket& b : cur) out.push_back(kept(b));
    level_at.push_back(uint32_t(out.size()));
    if (cur.size() <= 1) break;
    std::vector<Bucket> next((cur.size() + 1) / 2);
    for (size_t b = 0; b < next.size(); ++b)
      next[b] = 2 * b + 1 < cur.size() ? merge(cur[2 * b], cur[2 * b + 1]) : cur[2 * b];
    cur = std::move(next);
  }
  return out;
}

// A process's bucket while its levels are made: the time held in each (state, op) and the
// changes. A coarser bucket's tally is the sum of its halves', so the state held longest there
// is exact, not a vote of the level below.
struct Tally {
  std::array<int64_t, kCodes> held{};
  uint32_t changes = 0;
};

Tally summed(const Tally& a, const Tally& b) {
  Tally x;
  for (size_t c = 0; c < kCodes; ++c) x.held[c] = a.held[c] + b.held[c];
  x.changes = a.changes + b.changes;
  return x;
}

ProcessBucket bucket_of_tally(const Tally& t) {
  const size_t best = size_t(std::max_element(t.held.begin(), t.held.end()) - t.held.begin());
  ProcessBucket x;  // the first of the longest: in ProcState, then WaitOp order
  x.changes = t.changes;
  x.covered = t.held[best] > 0;
  x.state = ProcState(best >> kStateShift);
  x.op = WaitOp(best & ((1u << kStateShift) - 1));
  return x;
}

}  // namespace

void include_step(ChannelBucket& x, const OccupancyStep& s) {
  x.low = x.covered ? std::min(x.low, s.level) : s.level;
  x.high = x.covered ? std::max(x.high, s.level) : s.level;
  x.putters = x.putters || s.putters > 0;
  x.takers = x.takers || s.takers > 0;
  x.covered = true;
}

ChannelBucket joined(const ChannelBucket& a, const ChannelBucket& b) {
  ChannelBucket x = a.covered ? a : b;
  if (a.covered && b.covered) {
    x.low = std::min(a.low, b.low);
    x.high = std::max(a.high, b.high);
    x.putters = a.putters || b.putters;
    x.takers = a.takers || b.takers;
  }
  x.steps = a.steps + b.steps;
  return x;
}

ProcessLevels TimelineSummary::process_levels(const IntervalList& iv, int64_t origin, uint64_t span,
                                              const SummaryOptions& o,
                                              const std::atomic<bool>* cancel) {
  // Each interval adds its length, clipped to each bucket it overlaps, to its (state, op)'s
  // tally there.
  const Grid g(origin, span, iv.size(), o);
  std::vector<Tally> level0(g.count);
  for (size_t k = 0; k < iv.size(); ++k) {
    if ((k & 0xffff) == 0) check_cancel(cancel);
    const StateInterval x = iv[k];
    const size_t first = g.bucket_of(x.t_begin);
    ++level0[first].changes;
    const unsigned code = code_of(x.state, x.op);
    for (size_t b = first; x.t_end > x.t_begin && b < g.count && g.start(b) < x.t_end; ++b)
      level0[b].held[code] +=
          std::min(g.start(b) + g.width, x.t_end) - std::max(g.start(b), x.t_begin);
  }
  ProcessLevels levels;
  levels.origin_ = origin;
  levels.width0_ = g.width;
  levels.buckets_ = all_levels(std::move(level0), summed, bucket_of_tally, levels.level_at_);
  return levels;
}

ChannelLevels TimelineSummary::channel_levels(const OccupancyList& steps, int64_t origin,
                                              uint64_t span, const SummaryOptions& o,
                                              const std::atomic<bool>* cancel) {
  // A step is in force from its time until the next step's; each bucket takes the levels of
  // the step in force at its start and of those that begin in it.
  const Grid g(origin, span, steps.size(), o);
  std::vector<ChannelBucket> level0(g.count);
  OccupancyStep prev;
  size_t prev_bucket = 0;
  for (size_t k = 0; k < steps.size(); ++k) {
    if ((k & 0xffff) == 0) check_cancel(cancel);
    const OccupancyStep s = steps[k];
    const size_t b = g.bucket_of(s.t);
    if (k > 0) {
      // The step before stays in force at the start of every bucket up to this one's (and at
      // this one's start too, unless this step begins exactly there).
      for (size_t between = prev_bucket + 1; between < b; ++between)
        include_step(level0[between], prev);
      if (b > prev_bucket && s.t > g.start(b)) include_step(level0[b], prev);
    }
    include_step(level0[b], s);
    ++level0[b].steps;
    prev = s;
    prev_bucket = b;
  }
  for (size_t after = prev_bucket + 1; after < g.count; ++after) include_step(level0[after], prev);
  ChannelLevels levels;
  levels.origin_ = origin;
  levels.width0_ = g.width;
  levels.buckets_ = all_levels(
      std::move(level0), joined, [](const ChannelBucket& b) { return b; }, levels.level_at_);
  return levels;
}

TimelineSummary::TimelineSummary(const Timeline& tl, const TraceModel& m, const SummaryOptions& o,
                                 const std::atomic<bool>* cancel) {
  const int64_t origin = tl.begin_time();
  if (tl.end_time() < origin) return;
  const uint64_t span = uint64_t(tl.end_time()) - uint64_t(origin) + 1;
  if (span > kMaxSpan || (origin > 0 && uint64_t(INT64_MAX - origin) < 4 * span)) return;
  for (uint32_t p = 0; p < m.processes().size(); ++p)
    if (const IntervalList iv = tl.intervals(p); iv.size() >= o.min_changes) {
      check_cancel(cancel);
      processes_.emplace_back(p, process_levels(iv, origin, span, o, cancel));
    }
  for (uint32_t c = 0; c < m.channels().size(); ++c)
    if (const OccupancyList steps = tl.occupancy(c); steps.size() >= o.min_changes) {
      check_cancel(cancel);
      channels_.emplace_back(c, channel_levels(steps, origin, span, o, cancel));
    }
}

size_t TimelineSummary::memory_bytes() const {
  size_t bytes =
      processes_.capacity() * sizeof(processes_[0]) + channels_.capacity() * sizeof(channels_[0]);
  for (const auto& [lane, levels] : processes_) bytes += levels.memory_bytes();
  for (const auto& [lane, levels] : channels_) bytes += levels.memory_bytes();
  return bytes;
}

}  // namespace csptrace
