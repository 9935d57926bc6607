// co_await csp::yield(): the running go process steps behind the processes runnable now (Go's
// runtime.Gosched). It stays runnable: nothing waits, nothing is recorded of its own.
//   - pool: it goes to the back of its worker's queue, and the worker runs what is ahead;
//   - deterministic: no run decision offers it until as many processes have been picked as were
//     runnable when it yielded (or nothing else can run); those decisions are recorded and
//     replayed as every run decision is (docs/explore.md).
// Main and threads call csp::yield_blocking() instead.
#pragma once

#include <csp/source_location.hpp>

#include <coroutine>

namespace csp {

namespace detail {
// Hands the calling go process to its scheduler as yielded; returns what its worker runs next.
// Throws ChannelError (naming `loc`) when the caller is not a go process.
std::coroutine_handle<> yield_process(std::coroutine_handle<> h, csp::SourceLocation loc);
}  // namespace detail

class [[nodiscard]] YieldOperation {
 public:
  explicit YieldOperation(csp::SourceLocation loc) noexcept : loc_(loc) {}
  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) {
    return detail::yield_process(h, loc_);
  }
  void await_resume() const noexcept {}

 private:
  csp::SourceLocation loc_;
};

// The same for main and threads (csp::thread): returns once the processes runnable now have had
// their turn (deterministic), or after the OS's sched_yield (pool: an OS thread of its own).
// Throws BlockingCallError in a go process (use co_await csp::yield()), csp::Deadlock or
// csp::Shutdown when the run ends meanwhile.
void yield_blocking(csp::SourceLocation loc = csp::SourceLocation::current());

inline YieldOperation yield(csp::SourceLocation loc = csp::SourceLocation::current()) {
  return YieldOperation(loc);
}

}  // namespace csp
