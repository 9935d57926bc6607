// judge() for a run read a batch of events at a time by a reader that lets go of each batch
// once it is used (`csptrace check`): its memory is bounded by the processes and channels of
// the run, not by its events (docs/analysis.md, "Checking a trace in one pass").
//
// Use: after the reader added a batch of events to its builder, take(builder.so_far()), then
// retire(builder); when the reader is done, finish(model) with the complete model. The verdict
// equals judge(Replay(model)) on the same trace loaded whole.
#pragma once

#include <csptrace/analysis.hpp>
#include <csptrace/trace_model.hpp>

#include <memory>
#include <vector>

namespace csptrace {

class StreamingJudge {
 public:
  StreamingJudge();
  ~StreamingJudge();
  StreamingJudge(StreamingJudge&&) noexcept;
  StreamingJudge& operator=(StreamingJudge&&) noexcept;

  // Replays the events m gained since the last call. m is the model the reader builds (it grew
  // from the one of the last call) and holds those events whole.
  void take(const TraceModel& m);
  // The first event the analysis still reads: the reader may retire every event before it.
  // The runtime's deadlock report and the stuck events after it are read at the end; every
  // other fact is kept as the events go by.
  size_t keep_from() const;
  // Every event before m.held_from() that finish() may name (read the time of), sorted: for
  // TraceModelBuilder::keep_retired_times, so that a check keeps the times of those events
  // only. m is the model of the last take(). O(processes + channels + waiters + uses).
  std::vector<size_t> named_events(const TraceModel& m) const;
  // Lets b go of the events before keep_from(); then, once the retired events' times have
  // passed 16 MB and doubled since the last look, keeps only those of named_events() when that
  // is smaller. Each look costs O(processes + channels + waiters + uses), paid for by the
  // events since the last. b builds the model of the last take().
  void retire(TraceModelBuilder& b);
  // The verdict on the complete model (the reader's result; the events it gained since the last
  // take() are replayed first). m must outlive the verdict's use of it, not this object.
  Verdict finish(const TraceModel& m) &&;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace csptrace
