// A position in a Replay with its state, for stepping through a run: one event or one
// rendezvous at a time, forward or backward, or jumping anywhere. Each move costs at most one
// checkpoint interval of events (see Replay). Not thread safe; one cursor per view.
#pragma once

#include <csptrace/replay.hpp>

#include <cstddef>

namespace csptrace {

class ReplayCursor {
 public:
  // Starts before the first event. The replay must outlive the cursor.
  explicit ReplayCursor(const Replay& r);

  // Events applied (0 .. size()): the state is after event steps() - 1.
  size_t steps() const { return state_.steps; }
  // The last event applied, or kNone before the first.
  size_t event() const { return state_.last_event(); }
  const ReplayState& state() const { return state_; }
  const Replay& replay() const { return *replay_; }

  bool at_start() const { return state_.steps == 0; }
  bool at_end() const { return state_.steps == replay_->size(); }

  // One event forward / back; false (and no move) at the end / start.
  bool next();
  bool prev();
  // To the state after the next / previous rendezvous (transfer event) strictly after / before
  // the current event; false (and no move) when there is none.
  bool next_rendezvous();
  bool prev_rendezvous();

  void seek_step(size_t steps);  // steps <= size()
  void seek_event(size_t k);     // the state after event k; k < size()
  void to_start() { seek_step(0); }
  void to_end() { seek_step(replay_->size()); }

 private:
  const Replay* replay_;
  ReplayState state_;
};

}  // namespace csptrace
