// reduce and into (core.async's reduce, into), each a named process.
#pragma once

#include <csp/chan.hpp>
#include <csp/go.hpp>
#include <csp/proc.hpp>

#include <csp/source_location.hpp>
#include <type_traits>
#include <utility>
#include <vector>

namespace csp {

// Clojure's (reduced v): returned by a reducing function to stop the reduction with v.
template <class A>
struct Reduced {
  A value;
};
template <class A>
Reduced<std::decay_t<A>> reduced(A&& v) {
  return {std::forward<A>(v)};
}

// What a reducing function that may stop early returns: the next accumulator, or
// csp::reduced(v) to stop with v. Declare the function's return type as ReduceStep<A>.
template <class A>
struct ReduceStep {
  ReduceStep(A v) : value(std::move(v)) {}                             // NOLINT: implicit
  ReduceStep(Reduced<A> r) : value(std::move(r.value)), done(true) {}  // NOLINT: implicit
  A value;
  bool done = false;
};

namespace detail {
template <class R>
struct IsReduceStep : std::false_type {};
template <class A>
struct IsReduceStep<ReduceStep<A>> : std::true_type {};
}  // namespace detail

// Folds f(acc, v) over every value of `ch` until it closes; the returned channel gets the
// result, then closes. When f returns ReduceStep<A>, csp::reduced(x) ends the reduction at
// once with x (the rest of `ch` is left untaken), as Clojure's reduced in core.async's reduce.
template <class T, class A, class F>
Chan<A> reduce(F f, A init, Chan<T> ch, csp::SourceLocation loc = csp::SourceLocation::current()) {
  return go(
      "reduce",
      [f = std::move(f), init = std::move(init), ch]() mutable -> Proc<A> {
        A acc = std::move(init);
        while (auto v = co_await ch.take()) {
          if constexpr (detail::IsReduceStep<std::invoke_result_t<F&, A, T>>::value) {
            ReduceStep<A> step = f(std::move(acc), std::move(*v));
            acc = std::move(step.value);
            if (step.done) break;
          } else {
            acc = f(std::move(acc), std::move(*v));
          }
        }
        co_return acc;
      },
      loc);
}

// Collects every value of `ch` until it closes; the returned channel gets them, then closes.
template <class T>
Chan<std::vector<T>> into(Chan<T> ch, csp::SourceLocation loc = csp::SourceLocation::current()) {
  return reduce(
      [](std::vector<T> acc, T v) {
        acc.push_back(std::move(v));
        return acc;
      },
      std::vector<T>{}, ch, loc);
}

}  // namespace csp
