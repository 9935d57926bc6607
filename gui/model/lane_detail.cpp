#include "lane_detail.hpp"

#include <algorithm>
#include <map>

namespace cspview {

using csptrace::ChannelBucket;
using csptrace::OccupancyStep;

std::vector<FoldPiece> fold_pieces(const csptrace::IntervalList& iv,
                                   const csptrace::ProcessLevels* summary, const SpanMark& span,
                                   const TimeScale& scale) {
  std::vector<FoldPiece> out;
  if (!summary || span.count <= kExactFold) {
    // Few enough to weigh one by one: the time each (state, op) is held over the run.
    std::map<std::pair<csptrace::ProcState, csptrace::WaitOp>, int64_t> held;
    for (size_t k = span.first; k < size_t(span.first) + span.count && k < iv.size(); ++k) {
      const csptrace::StateInterval x = iv[k];
      held[{x.state, x.op}] += x.t_end - x.t_begin;
    }
    const auto best = std::max_element(held.begin(), held.end(), [](const auto& a, const auto& b) {
      return a.second < b.second;  // the first of the longest: in ProcState, WaitOp order
    });
    if (best != held.end() && best->second > 0)
      out.push_back({span.x0, span.x1, best->first.first, best->first.second});
    return out;
  }
  const size_t level = summary->level_for(scale.ns_per_px);
  const auto buckets = summary->buckets(level);
  const int64_t w = summary->width(level);
  const size_t b0 = summary->bucket_at(level, int64_t(scale.t_of(span.x0)));
  const size_t b1 = summary->bucket_at(level, int64_t(scale.t_of(span.x1)));
  for (size_t b = b0; b <= b1; ++b) {
    const csptrace::ProcessBucket& x = buckets[b];
    if (!x.covered) continue;
    // Each edge from its own time, so that a bucket ends exactly where the next begins.
    const double lo = scale.x_of(double(summary->origin() + int64_t(b) * w));
    const double hi = scale.x_of(double(summary->origin() + int64_t(b + 1) * w));
    const FoldPiece piece{std::max(lo, span.x0), std::min(hi, span.x1), x.state, x.op};
    if (piece.x1 <= piece.x0) continue;
    if (!out.empty() && out.back().state == piece.state && out.back().op == piece.op &&
        out.back().x1 >= piece.x0)
      out.back().x1 = piece.x1;
    else
      out.push_back(piece);
  }
  return out;
}

namespace {

// The buckets of `level` that hold [t0, t1), joined.
ChannelBucket from_buckets(const csptrace::ChannelLevels& s, size_t level, int64_t t0, int64_t t1) {
  const auto buckets = s.buckets(level);
  ChannelBucket x;
  for (size_t b = s.bucket_at(level, t0), last = s.bucket_at(level, t1 - 1); b <= last; ++b)
    x = csptrace::joined(x, buckets[b]);
  return x;
}

}  // namespace

ChannelBucket channel_column(const csptrace::Timeline& tl, const csptrace::ChannelLevels* summary,
                             uint32_t c, int64_t t0, int64_t t1) {
  // The coarsest level whose buckets fit in the range: about one to three buckets answer it.
  if (summary && summary->width(0) <= t1 - t0) {
    size_t level = summary->level_for(double(t1 - t0));
    if (summary->width(level) > t1 - t0) --level;
    return from_buckets(*summary, level, t0, t1);
  }
  const csptrace::OccupancyList steps = tl.occupancy(c);
  ChannelBucket x;
  if (steps.empty()) return x;
  // The step in force at t0 if it began before, then those that begin in the range.
  size_t k = csptrace::partition_index(0, steps.size(), [&](size_t j) { return steps[j].t < t0; });
  if (k > 0) include_step(x, steps[k - 1]);
  for (size_t n = 0; k < steps.size() && steps[k].t < t1; ++k, ++n) {
    if (n == kExactSteps && summary) return from_buckets(*summary, 0, t0, t1);
    const OccupancyStep s = steps[k];
    include_step(x, s);
    ++x.steps;
  }
  return x;
}

}  // namespace cspview
