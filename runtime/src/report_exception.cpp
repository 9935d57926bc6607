// report_exception: a caught exception, reported like one that escaped a process (process.cpp's
// finish_process) but without an exit: a mark in the trace and a line in RunResult::errors.
#include <csp/report_exception.hpp>
#include <csp/run.hpp>

#include "error_text.hpp"
#include "runtime.hpp"

#include <string>

namespace csp {

void report_exception(std::string_view what, std::exception_ptr e,
                      csp::SourceLocation loc) noexcept {
  detail::Runtime* rt = detail::g_runtime.load(std::memory_order_acquire);
  if (rt == nullptr || !e) return;
  try {
    const std::string text = std::string(what) + ": " + detail::error_text(e);
    const detail::Process* p = detail::tl_current;
    rt->add_error(p ? p->name() : std::string("(unknown thread)"), text);
    mark(text, loc);  // records only on a traced run
  } catch (...) {     // out of memory while reporting: nothing more can be said
  }
}

}  // namespace csp
