// A process's own behaviour, read from a trace: the sequence of operations it did, without the
// waits and wakes around them, which depend on the interleaving and not on what it did. Two runs
// in which every process did the same operations on the same channels with the same values are
// the same behaviour, whatever order the scheduler interleaved them in (docs/diff.md).
//
// The steps of process p, in event order, are the events that say p
//  - started (`spawn` of p), ended (`exit`), made or closed a channel (`chan_make`,
//    `chan_close`), armed a timer (`timer_arm`), marked the run (`mark`), holds a handle
//    (`handle`), was refused (`refused`), or was left waiting by a deadlock (`stuck`), with
//    `proc` p;
//  - put a value: `buf_put` with `proc` p, or a `transfer` with `from` p and `via: direct`;
//  - took a value: a `transfer` with `to` p (direct, or from the buffer);
//  - offered an alt, its guards, and which guard won (`alt_offer`, `alt_guard`, `alt_choice`).
// Never a step: `park`, `block`, `resume`, `unblock` (waiting is interleaving), `buf_take` (the
// transfer after it is the take), `buf_drop` (the buffer's policy), `decide` (the scheduler's),
// `timer_fire`, `deadlock`, `end` (no process's), a `transfer` via the buffer for its putter
// (it put the value with its `buf_put`).
#pragma once

#include <csptrace/trace_model.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace csptrace {

// Every process's steps as event indices, stored flat: steps of process p are
// events[first[p] .. first[p + 1]), in increasing event order.
class ProcessSteps {
 public:
  explicit ProcessSteps(const TraceModel& m);
  std::span<const uint32_t> of(uint32_t proc) const {
    return {events_.data() + first_[proc], first_[proc + 1] - first_[proc]};
  }
  size_t memory_bytes() const {
    return events_.capacity() * sizeof(uint32_t) + first_.capacity() * sizeof(size_t);
  }

 private:
  std::vector<size_t> first_;     // processes + 1 entries
  std::vector<uint32_t> events_;  // event indices, grouped by process
};

// The processes event i is a step of (0, 1 or 2 of them: a direct transfer is a step of its
// putter and its taker), by dense index; returns how many were written to out.
int step_owners(const TraceModel& m, size_t i, uint32_t out[2]);

// The operation a step stands for, from its process's side: a direct transfer is a put for its
// putter and a take for its taker, and a buf_put is the same put as a direct transfer.
enum class StepOp : uint8_t { Put, Take, Other };
StepOp step_op(const TraceModel& m, size_t i, uint32_t proc);

// What makes two steps the same step (step_digest.cpp compares by it): the operation (a put, a
// take, or the kind), the channel through the match, the value by its text unless ignored, and
// for other kinds what the process chose or was told (op, index, status, message, label,
// duration, mode, buffer, cap). The fields that depend on the interleaving (a buffer's level,
// an alt guard's readiness, an alt's rule, a transfer's via and partner) are never compared.
struct StepCompare {
  bool ignore_values = false;
};

}  // namespace csptrace
