// pipeline_async (core.async's pipeline-async): n workers start asynchronous work per item;
// each item's results, zero or more, stay in input order.
#pragma once

#include <csp/combinators/pipeline_parts.hpp>

#include <csp/source_location.hpp>
#include <cstddef>
#include <utility>

namespace csp {

// Takes each value v from `from` and calls af(v, result) on one of n "pipeline-worker" go
// processes; af must return at once, having started work (a go process, a thread, a callback)
// that puts zero or more values on `result` (a Chan<U>, buffer 1) and then closes it. The
// results of each item are put to `to` in the order of the inputs; `to` closes when `from`
// closes and every result channel was closed (unless close_to is false). An af that throws is
// reported (report_exception) and its item's result channel closed, so the pipeline goes on.
// A result channel that is never closed holds up every later item (as in core.async).
// The returned channel closes when the last result was put.
template <class T, class U, class AF>
Chan<Unit> pipeline_async(std::size_t n, Chan<U> to, AF af, Chan<T> from, bool close_to = true,
                          csp::SourceLocation loc = csp::SourceLocation::current()) {
  if (n == 0) n = 1;
  auto [jobs, done] = detail::start_pipeline<T, U>(n, to, from, close_to, loc);
  for (std::size_t i = 0; i < n; ++i) {
    go(
        "pipeline-worker",
        [jobs, af, loc]() mutable -> Proc<void> {
          while (auto job = co_await jobs.take()) {
            try {
              af(std::move(job->value), job->result);
            } catch (...) {
              report_exception("pipeline_async: exception in af (item dropped)",
                               std::current_exception(), loc);
              job->result.close();
            }
          }
        },
        loc);
  }
  return done;
}

}  // namespace csp
