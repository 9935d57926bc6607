// What a lane shows where its changes are too dense to draw one by one: the state a folded run
// of a process lane held longest, and the levels and waiters of a channel over one column of
// pixels. Both read the timeline's level-of-detail summary (csptrace::TimelineSummary) where
// the lane has one and the run or column spans many changes, and the full data otherwise, so a
// lane costs about its width in pixels at any zoom. Qt-free: the painter draws these and the
// window's description (view_json) reports them.
#pragma once

#include "span_fold.hpp"
#include "time_scale.hpp"

#include <csptrace/timeline.hpp>
#include <csptrace/timeline_summary.hpp>

#include <cstdint>
#include <vector>

namespace cspview {

// A piece of a folded run, in pixels, and the state held longest there.
struct FoldPiece {
  double x0 = 0, x1 = 0;
  csptrace::ProcState state = csptrace::ProcState::NotStarted;
  csptrace::WaitOp op = csptrace::WaitOp::Take;
  bool operator==(const FoldPiece&) const = default;
};

// A folded run of at most this many intervals is judged from the intervals themselves.
inline constexpr uint32_t kExactFold = 16;

// The pieces of folded run `span` (span.count > 1) of process p: one piece for a run of at most
// kExactFold intervals or of a lane without a summary (the state held longest over the run's
// intervals), else one per summary bucket of at least a pixel (consecutive buckets of the same
// state merged; a bucket no interval covers is left out).
std::vector<FoldPiece> fold_pieces(const csptrace::IntervalList& intervals,
                                   const csptrace::ProcessLevels* summary, const SpanMark& span,
                                   const TimeScale& scale);

// A channel over [t0, t1) (t0 < t1): a ChannelBucket's answers (csptrace/timeline_summary.hpp).
// Exact where the range spans whole summary buckets or at most kExactSteps steps; otherwise
// from the buckets that hold the range, so a level or a wait is never left out but one just
// outside the range may be drawn in it.
inline constexpr size_t kExactSteps = 64;
csptrace::ChannelBucket channel_column(const csptrace::Timeline& tl,
                                       const csptrace::ChannelLevels* summary, uint32_t c,
                                       int64_t t0, int64_t t1);

}  // namespace cspview
