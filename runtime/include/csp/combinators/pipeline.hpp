// pipeline(n, to, f, from): n worker processes apply f to the values of `from` in parallel, and
// the results arrive on `to` in the order of their inputs (core.async pipeline).
//
// How the order is kept: a dispatcher takes each value and hands it, with a fresh promise
// channel for its result, to the workers through `jobs`, and queues the same promise channel on
// `order`; the collector takes the promise channels from `order` in input order and waits on
// each. Both queues hold n entries, so at most n values are in flight.
#pragma once

#include <csp/buffer_spec.hpp>
#include <csp/chan.hpp>
#include <csp/go.hpp>

#include <string>
#include <type_traits>
#include <utility>

namespace csp {

template <class T, class F, class R = std::invoke_result_t<F&, T>>
Chan<Unit> pipeline(int n, Chan<R> to, F f, Chan<T> from, bool close_to = true,
                    std::string name = {}) {
  if (n < 1) n = 1;
  if (name.empty()) name = "pipeline " + from.name() + " -> " + to.name();
  struct Job {
    T value;
    Chan<R> result;
  };
  auto jobs = chan<Job>(name + " jobs", fixed(static_cast<std::size_t>(n)));
  auto order = chan<Chan<R>>(name + " order", fixed(static_cast<std::size_t>(n)));
  go(name + " dispatcher", [from, jobs, order, name]() -> Proc<void> {
    while (auto v = co_await from.take()) {
      auto result = promise_chan<R>(name + " result");
      co_await order.put(result);
      // A named local, not Job{...} inside the co_await: GCC 12 destroys such a braced
      // temporary twice (see docs/runtime.md, "Compiler notes").
      Job job{std::move(*v), result};
      co_await jobs.put(std::move(job));
    }
    jobs.close();
    order.close();
  });
  for (int w = 0; w < n; ++w)
    go(name + " worker " + std::to_string(w), [jobs, f]() mutable -> Proc<void> {
      while (auto job = co_await jobs.take()) co_await job->result.put(f(std::move(job->value)));
    });
  return go(name + " collector", [order, to, close_to]() -> Proc<void> {
    while (auto result = co_await order.take()) {
      auto r = co_await result->take();
      if (!r || !co_await to.put(std::move(*r))) break;
    }
    if (close_to) to.close();
  });
}

}  // namespace csp
