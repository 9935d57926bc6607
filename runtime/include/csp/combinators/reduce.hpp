// reduce and into (core.async's reduce, into), each a named process.
#pragma once

#include <csp/chan.hpp>
#include <csp/go.hpp>
#include <csp/proc.hpp>

#include <csp/source_location.hpp>
#include <utility>
#include <vector>

namespace csp {

// Folds f(acc, v) over every value of `ch` until it closes; the returned channel gets the
// result, then closes.
template <class T, class A, class F>
Chan<A> reduce(F f, A init, Chan<T> ch, csp::SourceLocation loc = csp::SourceLocation::current()) {
  return go(
      "reduce",
      [f = std::move(f), init = std::move(init), ch]() mutable -> Proc<A> {
        A acc = std::move(init);
        while (auto v = co_await ch.take()) acc = f(std::move(acc), std::move(*v));
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
