// pipeline (core.async's pipeline): n workers apply f, results stay in input order.
#pragma once

#include <csp/chan.hpp>
#include <csp/go.hpp>
#include <csp/proc.hpp>

#include <cstddef>
#include <csp/source_location.hpp>
#include <utility>

namespace csp {

// Takes each value v from `from`, computes f(v) on one of n "pipeline-worker" processes and
// puts the results to `to` in the order of the inputs; closes `to` when `from` closes (unless
// close_to is false). Each value gets a one-shot promise channel that carries its result; a
// "pipeline-in" process hands out the work and a "pipeline-out" process collects in order.
// The returned channel closes when the last result was put.
template <class T, class U, class F>
Chan<Unit> pipeline(std::size_t n, Chan<U> to, F f, Chan<T> from, bool close_to = true,
                    csp::SourceLocation loc = csp::SourceLocation::current()) {
  if (n == 0) n = 1;
  struct Job {
    T value;
    Chan<U> result;
  };
  Chan<Job> jobs = chan<Job>("pipeline-jobs", fixed(n), loc);
  Chan<Chan<U>> order = chan<Chan<U>>("pipeline-order", fixed(n), loc);
  for (std::size_t i = 0; i < n; ++i) {
    go(
        "pipeline-worker",
        [jobs, f]() -> Proc<void> {
          while (auto job = co_await jobs.take()) {
            co_await job->result.put(f(std::move(job->value)));
            job->result.close();
          }
        },
        loc);
  }
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
  return go(
      "pipeline-out",
      [order, to, close_to]() -> Proc<void> {
        for (;;) {
          std::optional<Chan<U>> result = co_await order.take();
          if (!result) break;
          std::optional<U> v = co_await result->take();
          if (v) co_await to.put(std::move(*v));
        }
        if (close_to) to.close();
      },
      loc);
}

}  // namespace csp
