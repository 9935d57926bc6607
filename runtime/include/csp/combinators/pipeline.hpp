// pipeline and pipeline_blocking (core.async's pipeline, pipeline-blocking): n workers apply f,
// results stay in input order; an exception in f drops the item (or the ex-handler replaces it)
// and the pipeline goes on.
#pragma once

#include <csp/combinators/pipeline_parts.hpp>

#include <csp/source_location.hpp>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace csp {

// Takes each value v from `from`, computes f(v) on one of n "pipeline-worker" go processes and
// puts the results to `to` in the order of the inputs; closes `to` when `from` closes (unless
// close_to is false). When f throws, `ex_handler` (if given) decides what goes in the item's
// place (ExHandler); without one the exception is reported (RunResult::errors and a trace
// mark) and the item dropped. The returned channel closes when the last result was put.
// For computation: f holds a pool worker while it runs. For blocking work, pipeline_blocking.
template <class T, class U, class F>
Chan<Unit> pipeline(std::size_t n, Chan<U> to, F f, Chan<T> from, bool close_to = true,
                    std::type_identity_t<ExHandler<U>> ex_handler = {},
                    csp::SourceLocation loc = csp::SourceLocation::current()) {
  if (n == 0) n = 1;
  auto [jobs, done] = detail::start_pipeline<T, U>(n, to, from, close_to, loc);
  for (std::size_t i = 0; i < n; ++i) {
    go(
        "pipeline-worker",
        [jobs, f, ex_handler, loc]() mutable -> Proc<void> {
          while (auto job = co_await jobs.take()) {
            std::optional<U> out =
                detail::apply_pipeline_f<U>(f, std::move(job->value), ex_handler, loc);
            if (out) co_await job->result.put(std::move(*out));
            job->result.close();
          }
        },
        loc);
  }
  return done;
}

// The same with n "pipeline-worker" threads (csp::thread), for an f that blocks (I/O, sleeps,
// blocking channel operations): it holds only its own thread.
template <class T, class U, class F>
Chan<Unit> pipeline_blocking(std::size_t n, Chan<U> to, F f, Chan<T> from, bool close_to = true,
                             std::type_identity_t<ExHandler<U>> ex_handler = {},
                             csp::SourceLocation loc = csp::SourceLocation::current()) {
  if (n == 0) n = 1;
  auto [jobs, done] = detail::start_pipeline<T, U>(n, to, from, close_to, loc);
  for (std::size_t i = 0; i < n; ++i) {
    thread(
        "pipeline-worker",
        [jobs, f, ex_handler, loc]() mutable {
          while (auto job = jobs.take_blocking()) {
            std::optional<U> out =
                detail::apply_pipeline_f<U>(f, std::move(job->value), ex_handler, loc);
            if (out) job->result.put_blocking(std::move(*out));
            job->result.close();
          }
        },
        loc);
  }
  return done;
}

}  // namespace csp
