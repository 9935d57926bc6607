// The part every pipeline shares (core.async's pipeline*): the "pipeline-in" process that hands
// out the jobs and the "pipeline-out" process that collects their results in input order.
// pipeline.hpp (pipeline, pipeline_blocking) and pipeline_async.hpp start the workers.
#pragma once

#include <csp/chan.hpp>
#include <csp/ex_handler.hpp>
#include <csp/go.hpp>
#include <csp/proc.hpp>
#include <csp/report_exception.hpp>

#include <csp/source_location.hpp>
#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <utility>

namespace csp {

namespace detail {

// One item of work: its input and the channel its results go to. A worker puts the item's
// results (zero or more) on `result`, then closes it; pipeline-out drains the results in the
// order of the inputs.
template <class T, class U>
struct PipelineJob {
  T value;
  Chan<U> result;
};

// The handler's answer for a failed item; an exception from the handler itself is reported
// too, and the item dropped.
template <class U>
std::optional<U> handle_pipeline_error(const ExHandler<U>& handler, std::exception_ptr e,
                                       csp::SourceLocation loc) {
  if (!handler) {
    report_exception("pipeline: exception in f (item dropped)", e, loc);
    return std::nullopt;
  }
  try {
    return handler(e);
  } catch (...) {
    report_exception("pipeline: exception in the ex-handler (item dropped)",
                     std::current_exception(), loc);
    return std::nullopt;
  }
}

// f(v), or the handler's answer when f throws.
template <class U, class F, class T>
std::optional<U> apply_pipeline_f(F& f, T&& v, const ExHandler<U>& handler,
                                  csp::SourceLocation loc) {
  try {
    return std::optional<U>(f(std::forward<T>(v)));
  } catch (...) {
    return handle_pipeline_error(handler, std::current_exception(), loc);
  }
}

// Starts pipeline-in and pipeline-out; returns the jobs channel (buffer n; closed when `from`
// closes) for the workers, and pipeline-out's result channel (closes when the last result was
// put, and `to` closed unless close_to is false). At most n jobs wait for a worker and n items
// for their turn in pipeline-out. A result put to a closed `to` is dropped, and the rest of the
// results are still drained, so no worker waits forever on a result nobody takes.
template <class T, class U>
std::pair<Chan<PipelineJob<T, U>>, Chan<Unit>> start_pipeline(std::size_t n, Chan<U> to,
                                                              Chan<T> from, bool close_to,
                                                              csp::SourceLocation loc) {
  using Job = PipelineJob<T, U>;
  Chan<Job> jobs = chan<Job>("pipeline-jobs", fixed(n), loc);
  Chan<Chan<U>> order = chan<Chan<U>>("pipeline-order", fixed(n), loc);
  go(
      "pipeline-in",
      [from, jobs, order, loc]() -> Proc<void> {
        while (auto v = co_await from.take()) {
          Chan<U> result = chan<U>("pipeline-result", fixed(1), loc);
          co_await order.put(result);
          // A named Job: GCC 12 destroys a braced temporary inside a co_await operand twice.
          Job job{std::move(*v), std::move(result)};
          co_await jobs.put(std::move(job));
        }
        jobs.close();
        order.close();
      },
      loc);
  Chan<Unit> done = go(
      "pipeline-out",
      [order, to, close_to]() -> Proc<void> {
        bool open = true;
        for (;;) {
          std::optional<Chan<U>> result = co_await order.take();
          if (!result) break;
          while (std::optional<U> v = co_await result->take()) {
            if (open) open = co_await to.put(std::move(*v));
          }
        }
        if (close_to) to.close();
      },
      loc);
  return {jobs, done};
}

}  // namespace detail
}  // namespace csp
