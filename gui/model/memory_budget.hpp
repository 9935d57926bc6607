// What memory the viewer may plan to use for one trace, and the guard that stops a load which
// would need more: a trace larger than the machine's memory gets a clear error early, never an
// out-of-memory kill or an "std::bad_alloc" after a long wait (issue 26).
//
// The viewer holds the whole model and what it derives from it: at most about three times the
// model's own memory (TraceModel::memory_bytes; the timeline's state intervals, the lanes, the
// rendezvous, the checkpoints; the 100 M-event ping-pong peaks at 2.2 times, docs/performance.md)
// plus about 500 bytes a process. A model whose records stay in the file holds less, but what
// derives from it does not: those records count twice, as the derived part of a model that
// held them. The guard projects that from the part of the input read so far.
#pragma once

#include <csptrace/trace_model.hpp>

#include <cstdint>
#include <string>

namespace cspview {

struct MemoryBudget {
  uint64_t bytes = 0;  // 0: no limit known
  std::string source;  // where the figure comes from, for the message: "ulimit -v leaves"
};

// The smallest of: CSPVIEW_MEMORY_MB when set (a cap the user chooses), the memory available
// now (MemAvailable of /proc/meminfo), and what the address-space limit (ulimit -v) leaves.
MemoryBudget memory_budget();

// The viewer's memory for `so_far` grown to `fraction` (0..1] of its input.
uint64_t projected_bytes(const csptrace::TraceModel& so_far, double fraction);

// Throws csptrace::TraceError naming the file when the projection passes the budget; judged
// only once the estimate means something (a million events and 2% of the input read).
void check_budget(const csptrace::TraceModel& so_far, double fraction, const MemoryBudget& b);

// Gives the heap's free pages back to the system. After a pass whose arrays are gone (the
// analysis's: a few hundred MB for a run of millions of processes) glibc keeps their pages for
// reuse, and the window would hold them for as long as it shows the trace. A no-op elsewhere.
void return_free_memory();

// What to say about a load that ran out of memory anyway (std::bad_alloc).
std::string out_of_memory_text();

}  // namespace cspview
