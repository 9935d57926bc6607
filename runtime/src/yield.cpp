// csp::yield: a process steps back behind the other runnable ones (the scheduler's yield).
#include <csp/detail/process.hpp>
#include <csp/detail/runtime_hooks.hpp>
#include <csp/errors.hpp>
#include <csp/run.hpp>
#include <csp/yield.hpp>

#include "runtime.hpp"

namespace csp::detail {

std::coroutine_handle<> yield_process(std::coroutine_handle<> h, csp::SourceLocation loc) {
  Process* p = current_go_process();
  if (p == nullptr)
    throw ChannelError(format_loc(loc) + ": co_await csp::yield() outside a go process; only " +
                       "go processes yield (a thread or main is an OS thread of its own)");
  p->resume_point = h;
  // Once queued, another worker may resume (even finish) p: nothing of p is touched after.
  the_runtime().scheduler().yield(*p);
  return next_after_park();
}

}  // namespace csp::detail

namespace csp {

void yield_blocking(csp::SourceLocation loc) {
  detail::Process& p = detail::blocking_process_for("yield_blocking", nullptr, loc);
  const detail::Signal s = detail::the_runtime().scheduler().yield_thread(p);
  if (s == detail::Signal::Run) return;
  if (s == detail::Signal::Deadlock) throw Deadlock(detail::the_runtime().result().message);
  throw Shutdown("thread '" + p.name() + "' released: main returned and the run is over");
}

}  // namespace csp
