#include <csptrace/timeline_summary.hpp>
#include <csptrace/trace_error.hpp>

#include <algorithm>
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

// The grid of a lane with n changes in a run of `span` nanoseconds: level 0's bucket width (a
// power of two) and bucket count.
std::pair<int64_t, size_t> grid(uint64_t span, size_t n, const SummaryOptions& o) {
  const size_t wanted = std::clamp<size_t>(n / std::max<size_t>(o.changes_per_bucket, 1), 1,
                                           std::max<size_t>(o.max_buckets, 1));
  const uint64_t width = std::bit_ceil((span + wanted - 1) / wanted);
  return {int64_t(width), size_t((span + width - 1) / width)};
}

// Fills `levels` (origin and level 0's width already set) from level 0's buckets: each
// coarser level merges pairs of the one below until one bucket is left.
template <class Bucket, class Merge>
void build_levels(std::vector<Bucket> level0, Merge merge, std::vector<uint32_t>& level_at,
                  std::vector<Bucket>& out) {
  level_at.assign(1, 0);
  out.clear();
  std::vector<Bucket> cur = std::move(level0);
  while (true) {
    out.insert(out.end(), cur.begin(), cur.end());
    level_at.push_back(uint32_t(out.size()));
    if (cur.size() <= 1) break;
    std::vector<Bucket> next((cur.size() + 1) / 2);
    for (size_t b = 0; b < next.size(); ++b)
      next[b] = 2 * b + 1 < cur.size() ? merge(cur[2 * b], cur[2 * b + 1]) : cur[2 * b];
    cur = std::move(next);
  }
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

TimelineSummary::TimelineSummary(const Timeline& tl, const TraceModel& m, const SummaryOptions& o,
                                 const std::atomic<bool>* cancel) {
  const int64_t origin = tl.begin_time();
  if (tl.end_time() < origin) return;
  const uint64_t span = uint64_t(tl.end_time()) - uint64_t(origin) + 1;
  if (span > kMaxSpan || (origin > 0 && uint64_t(INT64_MAX - origin) < 4 * span)) return;
  auto check_cancel = [cancel] {
    if (cancel && cancel->load(std::memory_order_relaxed)) throw LoadCancelled();
  };
  // The bucket of time t among `count` of width w (a power of two: a shift, not a division).
  // A trace's times may run backwards, so an interval or step may lie outside the run's
  // [begin_time, end_time]: it counts in the first or the last bucket.
  auto bucket_of = [origin](int64_t t, int64_t w, size_t count) {
    if (t <= origin) return size_t{0};
    return std::min(size_t(uint64_t(t - origin) >> std::countr_zero(uint64_t(w))), count - 1);
  };

  // Processes: each interval adds its length, clipped to each bucket it overlaps, to its
  // (state, op)'s tally there; a coarser level's tallies are the sums of its halves', so its
  // longest-held state is exact too.
  std::vector<int64_t> tally;
  for (uint32_t p = 0; p < m.processes().size(); ++p) {
    const IntervalList iv = tl.intervals(p);
    if (iv.size() < o.min_changes) continue;
    check_cancel();
    const auto [w, count] = grid(span, iv.size(), o);
    tally.assign(count * kCodes, 0);
    std::vector<uint32_t> changes(count, 0);
    for (size_t k = 0; k < iv.size(); ++k) {
      if ((k & 0xffff) == 0) check_cancel();
      const StateInterval x = iv[k];
      const size_t first = bucket_of(x.t_begin, w, count);
      ++changes[first];
      const unsigned code = code_of(x.state, x.op);
      for (size_t b = first; x.t_end > x.t_begin && b < count; ++b) {
        const int64_t lo = origin + int64_t(b) * w, hi = lo + w;
        if (lo >= x.t_end) break;
        tally[b * kCodes + code] += std::min(hi, x.t_end) - std::max(lo, x.t_begin);
      }
    }
    ProcessLevels levels;
    levels.origin_ = origin;
    levels.width0_ = w;
    levels.level_at_.assign(1, 0);
    size_t n = count;
    while (true) {
      for (size_t b = 0; b < n; ++b) {
        const int64_t* t = &tally[b * kCodes];
        const size_t best = size_t(std::max_element(t, t + kCodes) - t);  // first of the longest
        ProcessBucket bucket;
        bucket.changes = changes[b];
        bucket.covered = t[best] > 0;
        bucket.state = ProcState(best >> kStateShift);
        bucket.op = WaitOp(best & ((1u << kStateShift) - 1));
        levels.buckets_.push_back(bucket);
      }
      levels.level_at_.push_back(uint32_t(levels.buckets_.size()));
      if (n <= 1) break;
      // The next level's bucket b merges b * 2 and b * 2 + 1, in place.
      const size_t next = (n + 1) / 2;
      for (size_t b = 0; b < next; ++b) {
        const size_t l = 2 * b, r = 2 * b + 1;
        for (size_t c = 0; c < kCodes; ++c)
          tally[b * kCodes + c] = tally[l * kCodes + c] + (r < n ? tally[r * kCodes + c] : 0);
        changes[b] = changes[l] + (r < n ? changes[r] : 0);
      }
      n = next;
    }
    processes_.emplace_back(p, std::move(levels));
  }

  // Channels: a step is in force from its time until the next step's; each bucket takes the
  // levels of the step in force at its start and of those that begin in it.
  for (uint32_t c = 0; c < m.channels().size(); ++c) {
    const OccupancyList steps = tl.occupancy(c);
    if (steps.size() < o.min_changes) continue;
    check_cancel();
    const auto [w, count] = grid(span, steps.size(), o);
    std::vector<ChannelBucket> level0(count);
    auto add = [&level0](size_t b, const OccupancyStep& s) { include_step(level0[b], s); };
    OccupancyStep prev;
    size_t prev_bucket = 0;
    for (size_t k = 0; k < steps.size(); ++k) {
      if ((k & 0xffff) == 0) check_cancel();
      const OccupancyStep s = steps[k];
      const size_t b = bucket_of(s.t, w, count);
      if (k > 0) {
        // The step before stays in force at the start of every bucket up to this one's (and
        // at this one's start too, unless this step begins exactly there).
        for (size_t between = prev_bucket + 1; between < b; ++between) add(between, prev);
        if (b > prev_bucket && s.t > origin + int64_t(b) * w) add(b, prev);
      }
      add(b, s);
      ++level0[b].steps;
      prev = s;
      prev_bucket = b;
    }
    for (size_t after = prev_bucket + 1; after < count; ++after) add(after, prev);

    ChannelLevels levels;
    levels.origin_ = origin;
    levels.width0_ = w;
    build_levels(std::move(level0), joined, levels.level_at_, levels.buckets_);
    channels_.emplace_back(c, std::move(levels));
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
