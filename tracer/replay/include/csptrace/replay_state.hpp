// The state of a traced run after some number of events: every process (running, parked on what,
// exited, ...) and every channel (buffer contents, waiting putters and takers, closed). A value,
// copied into checkpoints by Replay (the copies share unchanged chunks of processes and channels:
// SharedChunks); built by replaying the events with advance().
//
// The replay follows the event protocol of docs/trace-format.md ("How the kinds fit together")
// and docs/analysis.md describes every state. Invariants after each step:
//  - processes.size() / channels.size() equal the model's process / channel counts; entries not
//    yet spawned / made are NotStarted / made == false;
//  - a process is in a channel's putters or takers queue only while it is Parked, Blocked or
//    Sleeping on that channel (directly or as an alt guard) and its operation has not completed;
//  - a waiting process whose operation completed (a transfer, a close, an alt choice) keeps its
//    waiting state, with wait.completed set, until its resume / unblock event.
#pragma once

#include <csptrace/buffer_contents.hpp>
#include <csptrace/lazy_vector.hpp>
#include <csptrace/schema.hpp>
#include <csptrace/shared_chunks.hpp>
#include <csptrace/trace_model.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

namespace csptrace {

// X(Enumerator, "name", "meaning")
#define CSPTRACE_PROC_STATES(X)                                                           \
  X(NotStarted, "not-started", "not spawned yet")                                         \
  X(Running, "running", "recorded an event since it last started or woke")                \
  X(Runnable, "runnable", "spawned or woken, and has not recorded an event since")        \
  X(Parked, "parked", "a lightweight process waiting to put, take, or in an alt")         \
  X(Blocked, "blocked", "a thread (or main) holding its OS thread, waiting on a channel") \
  X(Sleeping, "sleeping", "waiting to take from a timer channel (a timeout)")             \
  X(ExitedOk, "exited", "returned normally")                                              \
  X(ExitedError, "failed", "ended with an exception")

CSPTRACE_ENUM(ProcState, CSPTRACE_PROC_STATES)
inline std::string_view state_doc(ProcState s) noexcept { return enum_doc(s); }

inline bool is_waiting(ProcState s) {
  return s == ProcState::Parked || s == ProcState::Blocked || s == ProcState::Sleeping;
}
inline bool is_exited(ProcState s) {
  return s == ProcState::ExitedOk || s == ProcState::ExitedError;
}
// Spawned and not exited.
inline bool is_live(ProcState s) { return s != ProcState::NotStarted && !is_exited(s); }

// One guard of an alt, as its alt_guard event offered it.
struct Guard {
  WaitOp op = WaitOp::Take;  // Put or Take
  uint32_t chan = kNone;     // dense channel index
  Value value;               // the value offered, for a put guard
  bool ready = false;        // whether it could complete when offered
  bool operator==(const Guard&) const = default;
};

// What a waiting process waits on. (Members ordered by size, so that no padding is left: the
// replay keeps one per process, and a run may have millions.)
struct Wait {
  LazyVector<Guard> guards;  // the alt's guards in listed order, for alts
  Value value;               // the value being put, for a put
  // The event that completed it (the transfer, buffer put, close or alt choice that served it):
  // the cause of the wake that follows. kNone while not completed.
  size_t completed_by = kNone;
  uint32_t chan = kNone;  // the channel of a put / take; kNone for alts
  uint32_t alt = 0;       // the alt number, for alts
  StrId loc = 0;          // source location ("file:line"); resolve with TraceModel::str()
  WaitOp op = WaitOp::Take;
  // The operation has completed (a transfer, the channel's close, the alt's choice); the wake
  // (resume / unblock) follows. Such a process is about to run, not stuck.
  bool completed = false;
  bool operator==(const Wait&) const = default;
};

struct ProcessState {
  Wait wait;  // meaningful while is_waiting(state)
  // Guards of an alt being offered (between alt_offer and its alt_choice or its wait).
  LazyVector<Guard> offering;
  // The event that put it into this state (kNone: never changed). While it waits, the park or
  // block that began its wait (wait_since): a wait sets it even when the state stays the same.
  size_t since = kNone;
  uint32_t offering_alt = 0;
  ProcState state = ProcState::NotStarted;
  bool operator==(const ProcessState&) const = default;
};
static_assert(sizeof(ProcessState) <= 72, "one per process: a run may have millions");

// The park or block event of ps's wait; kNone when it does not wait.
inline size_t wait_since(const ProcessState& ps) { return is_waiting(ps.state) ? ps.since : kNone; }

// A process waiting on a channel, in queue order. Only who waits and as what: the value it
// offers and its park event are its process's (waiter_value, waiter_since), which holds while it is
// queued (the invariant above). 8 bytes, for a channel may have millions waiting.
struct Waiter {
  uint32_t proc = kNone;
  uint32_t guard = kNone;  // its guard's index in the alt's wait.guards, or kNone: not an alt
  bool in_alt() const { return guard != kNone; }
  bool operator==(const Waiter&) const = default;
};

struct ChannelState {
  bool made = false;
  bool closed = false;
  size_t close_event = kNone;
  bool timer_armed = false;  // timer channels: armed and not fired yet
  bool timer_fired = false;
  BufferContents buffer;       // oldest first
  FrontQueue<Waiter> putters;  // waiting putters, first in line first
  FrontQueue<Waiter> takers;   // waiting takers, first in line first
  uint32_t level() const { return static_cast<uint32_t>(buffer.size()); }
  bool operator==(const ChannelState&) const = default;
};

struct ReplayState {
  size_t steps = 0;  // events applied: this is the state after event steps - 1
  // By dense process / channel index; copies share what neither has changed since (mut()).
  SharedChunks<ProcessState> processes;
  SharedChunks<ChannelState> channels;
  uint32_t armed_timers = 0;      // timers armed and not fired
  size_t deadlock_event = kNone;  // the runtime's last deadlock event so far, or kNone
  bool ended = false;             // the end event has been applied

  // The last event applied, or kNone before the first.
  size_t last_event() const { return steps == 0 ? kNone : steps - 1; }
  bool operator==(const ReplayState&) const = default;
};

// The value w offers (a putter's, or its put guard's) and the park / block event it waits
// since. Precondition: w is queued in a channel of s, so its process waits (the invariant above).
const Value& waiter_value(const ReplayState& s, const Waiter& w);
size_t waiter_since(const ReplayState& s, const Waiter& w);

// The state before the first event of m: every process NotStarted, every channel unmade.
ReplayState initial_state(const TraceModel& m);

// Appends to out every event index s holds (the waits' parks and completions, the waiters'
// parks, the closes, the states' causes, the deadlock report, the last event applied): the
// events a reader of s may name. Each was stored while it was the event being applied. O(processes
// + channels + waiters).
void add_named_events(const ReplayState& s, std::vector<size_t>& out);

// Applies event s.steps of m to s and increments s.steps. Precondition: s.steps < m.size().
// Linear in the size of the queues the event touches. Events that do not fit the protocol (a
// resume of a process that is not waiting, ...) are applied as far as they make sense and
// never throw: the replay shows what the trace says.
void advance(const TraceModel& m, ReplayState& s);

}  // namespace csptrace
