// The runtime's record of one process: the main program, a go process or a thread.
#pragma once

#include <csptrace/schema.hpp>

#include <atomic>
#include <coroutine>
#include <csp/source_location.hpp>
#include <cstdint>
#include <string>

namespace csp::detail {

class Runtime;
class ChannelCore;
struct Waiter;

// A process's name, the line that started it and its role (a daemon, the runtime's own). The
// runtime keeps one per distinct triple for the whole program (a result channel's name points
// into it), so a process holds one pointer.
struct ProcSite {
  std::string name;
  csp::SourceLocation loc;
  csptrace::ProcRole role = csptrace::ProcRole::User;
};

// How a blocked thread is released (Process::signal).
enum class Signal : uint32_t { Wait = 0, Run = 1, Deadlock = 2, Shutdown = 3 };

class Process {
 public:
  Process(Runtime& rt, std::string name, csptrace::ProcMode mode, csp::SourceLocation loc,
          csptrace::ProcRole role = csptrace::ProcRole::User);
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  virtual ~Process();

  // A go process whose root coroutine finished: publish the result, record the exit, free.
  // Runs on the worker that ran the last step; the process is gone when it returns.
  virtual void on_root_done() {}
  // The run ended while this go process waits or is runnable: destroy its frames (which unlinks
  // their waiters) and free it, recording nothing.
  virtual void abandon() {}

  const std::string& name() const noexcept { return site_.name; }
  csp::SourceLocation spawned_at() const noexcept { return site_.loc; }
  csptrace::ProcRole role() const noexcept { return site_.role; }

  // Members ordered to keep a parked process small: 64 bytes (see docs/runtime.md,
  // Performance). No Runtime& member: there is one run at a time (the_runtime() in runtime/src).

  // go: the innermost suspended coroutine, resumed by the scheduler. Written by the process
  // before it publishes a waiter; read by whoever runs it next.
  std::coroutine_handle<> resume_point;
  union {
    // While runnable: the scheduler's run-queue link, owned by the queue the process is on.
    Process* run_link = nullptr;
    // While waiting: the waiter it waits on (an alt: its first guard's), for deadlock reports.
    // Written by the process itself under the lock of the waiter's channel, before the waiter
    // is published. A waiting process is on no run queue and a runnable one waits on nothing,
    // so the two share a word; `waiting` is read only when no process can run.
    const Waiter* waiting;
  };
  // Registry links; guarded by the runtime's registry mutex.
  Process* reg_prev = nullptr;
  Process* reg_next = nullptr;

  const csptrace::ProcId id;
  uint32_t alts_started = 0;  // touched only by the process itself
  // Threads and main: the release word a blocked thread waits on (see Signal).
  std::atomic<uint32_t> signal{0};
  const csptrace::ProcMode mode;
  // A spawned process: where its block starts, before `this`, in units of the block's
  // alignment (see GoProcess).
  uint8_t block_prefix = 0;
  // A go process whose root frame lives in its own block: the frame's offset from `this`
  // (negative when the frame comes first; 0: the frame was allocated on its own). Set before
  // the process first runs.
  int16_t frame_slot_at = 0;

 private:
  const ProcSite& site_;  // kept by the runtime for the whole program
};
// The record of a parked process is part of its memory cost (docs/performance.md).
static_assert(sizeof(Process) <= 64 || sizeof(void*) != 8, "a process record grew past 64 bytes");

// The process running on this OS thread: a go process while a worker runs it, else the thread's
// own process (main or a csp::thread), else null (a thread the runtime does not know).
// initial-exec: a plain %fs-relative load on the hot path (the library is never dlopen'ed).
inline thread_local Process* tl_current __attribute__((tls_model("initial-exec"))) = nullptr;

// The root frame of a go process goes into room in the process's own block when it fits: one
// allocation per process instead of two (GoProcess says where in the block). The frame's size
// is known only to the compiler, so the room is learned from the first process of each
// callable type (see GoProcess::start).
//
// While GoProcess::start creates the frame, `fn` is its callable and [at, at+room) the room;
// the first Proc frame allocated for a coroutine whose first argument (the implicit object of
// a lambda) is that callable takes it when it fits. `needed` and `matched` report that frame's
// size and address, for the process to learn the size only from a root frame. `owner_gone`
// marks a slot whose frame is freed outside its process (the start failed, or the shutdown).
struct FrameSlot {
  const void* fn = nullptr;
  void* at = nullptr;
  std::size_t room = 0;
  std::size_t needed = 0;
  void* matched = nullptr;
  const void* owner_gone = nullptr;
};

// Use it by name, never through a reference: UBSan checks a reference to it for null, and in an
// executable the linker rewrites the TLS address's `add` (which the check's branch reads the
// flags of) into a `lea`, so the check fires on a valid address (GCC 12, binutils 2.40).
inline thread_local FrameSlot tl_frame_slot __attribute__((tls_model("initial-exec")));

// Whether Proc frame `p` lives in a process's block (and must not be freed on its own). A
// frame is freed by the process that runs it (tl_current), or in the two cases above.
inline bool in_frame_slot(const void* p) noexcept {
  const Process* cur = tl_current;
  if (cur != nullptr && cur->frame_slot_at != 0 &&
      p == reinterpret_cast<const unsigned char*>(cur) + cur->frame_slot_at)
    return true;
  return p == tl_frame_slot.owner_gone;
}

}  // namespace csp::detail
