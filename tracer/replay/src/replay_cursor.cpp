#include <csptrace/replay_cursor.hpp>

#include <algorithm>

namespace csptrace {

ReplayCursor::ReplayCursor(const Replay& r) : replay_(&r), state_(r.initial_state()) {}

bool ReplayCursor::next() {
  if (at_end()) return false;
  advance(replay_->model(), state_);
  return true;
}

bool ReplayCursor::prev() {
  if (at_start()) return false;
  replay_->seek(state_, state_.steps - 1);
  return true;
}

void ReplayCursor::seek_step(size_t steps) { replay_->seek(state_, steps); }

void ReplayCursor::seek_event(size_t k) { replay_->seek(state_, k + 1); }

bool ReplayCursor::next_rendezvous() {
  const RendezvousList rv = replay_->timeline().rendezvous();
  // The first rendezvous not applied yet: its event index is >= steps().
  const size_t k =
      partition_index(0, rv.size(), [&](size_t j) { return rv[j].event < state_.steps; });
  if (k == rv.size()) return false;
  seek_event(rv[k].event);
  return true;
}

bool ReplayCursor::prev_rendezvous() {
  if (at_start()) return false;
  const RendezvousList rv = replay_->timeline().rendezvous();
  const size_t current = state_.steps - 1;
  const size_t k = partition_index(0, rv.size(), [&](size_t j) { return rv[j].event < current; });
  if (k == 0) return false;
  seek_event(rv[k - 1].event);
  return true;
}

}  // namespace csptrace
