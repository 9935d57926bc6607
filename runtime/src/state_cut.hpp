// A consistent cut of a running program: every live process and channel of a run at one
// instant, with who waits on what (op, channel or alt guards, source line) and what each buffer
// holds. A dump writes it as a trace (snapshot_trace.cpp); a flight recorder would write one at
// the start of its window.
//
// Consistency: the cut is read while the run can change none of it. It holds, in this order:
//  1. ChannelRegistry::mu(): no channel is made or freed;
//  2. the lock of every channel of the run, in address order (the order alts lock in, so no
//     cycle with an alt can form): no channel operation, close or wake is under way, so every
//     queue, buffer and closed flag is as the last completed operation left it, and a process
//     is waiting exactly when a live waiter of it is queued (a process's own `waiting` word is
//     not read: it is shared with the run-queue link and only valid once nothing can run);
//  3. Runtime::reg_mu_ (taken after channel locks everywhere: a thread's note_waiting may end
//     in on_quiescent under a channel lock): no process is spawned or ends.
// Step 2 only tries each lock for a while and, when one stays taken, lets go of everything and
// starts again: a thread may hold a channel's lock while it waits for the registry's mutex
// (see channel_registry.hpp), so waiting for that lock while holding the mutex could deadlock.
#pragma once

#include "channel_registry.hpp"

#include <csp/describe.hpp>
#include <csp/source_location.hpp>

#include <csptrace/schema.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace csp::detail {

class ChannelCore;
class Runtime;

class StateCut {
 public:
  struct Proc {
    csptrace::ProcId id = 0;
    std::string name;
    csptrace::ProcMode mode = csptrace::ProcMode::Go;
    csptrace::ProcRole role = csptrace::ProcRole::User;
    csp::SourceLocation loc{};  // where it was spawned
    csptrace::ProcId parent = 0;
    std::vector<csptrace::ChanId> handles;  // the channels it captured when spawned
  };
  struct Guard {
    int32_t index = 0;  // within an alt
    csptrace::WaitOp op = csptrace::WaitOp::Take;
    csptrace::ChanId chan = 0;
    Preview value;  // a put's value
  };
  struct Wait {
    csptrace::ProcId proc = 0;
    bool blocking = false;  // a thread (or main): blocked, not parked
    bool alt = false;       // guards are an alt's, by index; else guards[0] is the operation
    uint32_t alt_number = 0;
    csp::SourceLocation loc{};
    std::vector<Guard> guards;
  };
  struct Chan {
    csptrace::ChanId id = 0;
    std::string name;
    csptrace::BufferKind kind = csptrace::BufferKind::Unbuffered;
    uint32_t cap = 0;
    ChannelFacts facts;
    bool closed = false;
    std::vector<Preview> buffered;  // oldest first
    // Who put each buffered value, in a traced run (empty when untraced): a window's transfers
    // name them.
    std::vector<csptrace::ProcId> buffered_from;
  };

  std::vector<Proc> procs;  // in spawn order
  std::vector<Chan> chans;  // by id
  std::vector<Wait> waits;  // in the order of procs
  // The mark recorded at the instant of the cut, in a traced run (seq 0: untraced).
  uint64_t mark_seq = 0;
  int64_t mark_t = 0;

  // Takes the cut of run rt (which must have dumps()). When the run is traced, records a mark
  // with `mark` as its label into the run's own trace at the instant of the cut, so the trace
  // says where the snapshot was taken. Throws std::runtime_error when no consistent cut could
  // be taken (a channel's lock stayed taken through every attempt). `held_ms`: how long the
  // channels were held in the attempt that succeeded.
  static StateCut take(Runtime& rt, std::string_view mark, double& held_ms);

 private:
  // Reads the cut; the caller holds every lock named at the top.
  void read_locked(Runtime& rt, const std::vector<std::pair<ChannelCore*, ChannelFacts>>& chans,
                   std::string_view mark);
};

}  // namespace csp::detail
