// report_exception: what a combinator does with an exception it catches and survives (core.async's
// default ex-handler, which hands it to the uncaught-exception handler and goes on).
#pragma once

#include <csp/source_location.hpp>

#include <exception>
#include <string_view>

namespace csp {

// Reports `e` as an exception escaping a process is reported, without ending the calling
// process: the trace gets a mark "WHAT: MESSAGE" by the calling process (at `loc`), and the
// run's result lists it (RunResult::errors under the calling process's name; status Error).
// Outside a run it does nothing. Never throws.
void report_exception(std::string_view what, std::exception_ptr e,
                      csp::SourceLocation loc = csp::SourceLocation::current()) noexcept;

}  // namespace csp
