// Random access to the state of a run: Replay replays the trace once, keeps checkpoints of the
// state and the timeline data, and afterwards answers state_at(k) by copying the nearest
// checkpoint at or before k and applying the events in between, so any step, forward or
// backward, costs O(max(checkpoint interval, size of the state)).
//
// Checkpoints are at least checkpoint_interval() events apart, and at least twice the state's
// size (processes, channels, buffered values, waiters, alt guards) apart: each is paid for by
// the events before it, so all of them hold at most events / 2 + processes + channels elements
// (docs/reliability.md), whatever the shape of the run. The interval is at least twice the
// number of processes plus channels.
//
// Thread safety: a built Replay is immutable; its const members may be called from any threads.
// It refers to the model it was built from, which must outlive it.
#pragma once

#include <csptrace/replay_state.hpp>
#include <csptrace/timeline.hpp>
#include <csptrace/trace_model.hpp>

#include <atomic>
#include <cstddef>
#include <functional>
#include <vector>

namespace csptrace {

// How a caller follows and stops a replay that takes seconds (the viewer's analysis of a large
// trace): progress is told the fraction of the events replayed (0..1) now and then, from the
// replaying thread; when *cancel turns true the replay throws LoadCancelled within a fraction
// of a second.
struct ReplayControl {
  const std::atomic<bool>* cancel = nullptr;
  std::function<void(double)> progress;
};

class Replay {
 public:
  static constexpr size_t kDefaultCheckpointInterval = 4096;

  // What a Replay keeps besides the end state. Everything: checkpoints for random access and
  // the timeline, for views. EndState: neither, not even the initial state (state_at replays
  // from the start, timeline() is empty), for a tool that judges whole runs and never steps
  // through them (`csptrace check`, `diff`, the explorer's verdict on each run): the analysis
  // reads only the end state, so its memory is one state and its time one pass. Timeline: the
  // end state and the timeline, no checkpoints, for a tool that writes out the whole run's
  // intervals and never steps through it (the SQL tables, trace_database.hpp): a checkpoint
  // taken while 5 million processes wait is 360 MB.
  enum class Keep { Everything, EndState, Timeline };

  // Replays all of m once: linear in its events.
  explicit Replay(const TraceModel& m, size_t checkpoint_interval = kDefaultCheckpointInterval,
                  Keep keep = Keep::Everything, const ReplayControl& control = {});
  // A temporary model would dangle.
  Replay(TraceModel&&, size_t = kDefaultCheckpointInterval, Keep = Keep::Everything,
         const ReplayControl& = {}) = delete;

  const TraceModel& model() const { return *model_; }
  size_t size() const { return model_->size(); }  // number of events
  size_t checkpoint_interval() const { return interval_; }

  // The state after event k. Precondition: k < size().
  ReplayState state_at(size_t k) const { return state_at_step(k + 1); }
  // The state after the first `steps` events (0: before the first event). steps <= size().
  ReplayState state_at_step(size_t steps) const;
  // Moves s (any valid state of this replay) to step `steps`, applying events forward from s
  // when that is shorter than starting again from a checkpoint.
  void seek(ReplayState& s, size_t steps) const;

  ReplayState initial_state() const;
  const ReplayState& final_state() const { return final_; }
  const Timeline& timeline() const { return timeline_; }

  // For a resume or unblock event k: the event that completed the wait it ends (the transfer,
  // buffer put, close or alt choice that served it), which is what the waker did to wake it.
  // kNone for any other event, or when the trace holds no such cause. O(checkpoint interval).
  size_t wake_cause(size_t k) const;

 private:
  const TraceModel* model_;
  size_t interval_;
  // The last checkpoint at or before `steps`.
  const ReplayState& checkpoint_before(size_t steps) const;

  // In increasing steps, the first at step 0; consecutive ones at least interval_ apart.
  std::vector<ReplayState> checkpoints_;
  ReplayState final_;
  Timeline timeline_;
};

}  // namespace csptrace
