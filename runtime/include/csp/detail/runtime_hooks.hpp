// The runtime's entry points used by the header templates (Chan<T>, go, alts). Implemented in
// runtime/src; not part of the public API.
#pragma once

#include <csp/detail/channel_core.hpp>
#include <csp/detail/process.hpp>
#include <csp/detail/waiter.hpp>

#include <coroutine>
#include <csp/source_location.hpp>

namespace csp::detail {

class Runtime;

// The run in progress; throws ChannelError naming `what` and the line outside csp::run.
Runtime& runtime_for(const char* what, csp::SourceLocation loc);

// The calling process, for an operation `op` on `ch`. Throws ChannelError (naming the operation,
// channel and line) outside csp::run or on a thread the runtime does not know.
Process& process_for_slow(const char* op, const ChannelCore* ch, csp::SourceLocation loc);
// The go process running on this thread, or null (main, a csp::thread, an unknown thread).
inline Process* current_go_process() noexcept {
  Process* p = tl_current;
  return p != nullptr && p->mode == csptrace::ProcMode::Go ? p : nullptr;
}
inline Process& process_for(const char* op, const ChannelCore* ch, csp::SourceLocation loc) {
  if (Process* p = current_go_process()) [[likely]]
    return *p;
  return process_for_slow(op, ch, loc);
}

// The calling thread's process for a blocking operation. Throws BlockingCallError when called
// inside a go process (it would stall a pool worker), ChannelError as process_for.
Process& blocking_process_for(const char* op, const ChannelCore* ch, csp::SourceLocation loc);

// Blocks the calling thread until one of its queued waiters is completed. On a deadlock or
// shutdown it unlinks the waiters still queued and throws csp::Deadlock / csp::Shutdown.
void block_until_woken(Process& p, Waiter* waiters, std::size_t count);

// What a go process that just parked hands its worker to (symmetric transfer): the worker's
// run-next process on the pool, else nothing (noop: back to the scheduler loop).
std::coroutine_handle<> next_after_park() noexcept;

// Seed-derived random number for alts (the deterministic scheduler's stream, or a per-thread
// one on the pool).
uint64_t next_random();

}  // namespace csp::detail
