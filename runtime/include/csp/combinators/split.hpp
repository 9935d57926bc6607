// split (core.async's split): route each value by a predicate.
#pragma once

#include <csp/chan.hpp>
#include <csp/go.hpp>
#include <csp/proc.hpp>

#include <csp/source_location.hpp>
#include <utility>

namespace csp {

// Two channels: values for which pred(v) is true go to the first, the others to the second.
// Both close when `ch` closes.
template <class T, class P>
std::pair<Chan<T>, Chan<T>> split(P pred, Chan<T> ch, BufferSpec true_buffer = {},
                                  BufferSpec false_buffer = {},
                                  csp::SourceLocation loc = csp::SourceLocation::current()) {
  Chan<T> yes = chan<T>("split-true", true_buffer, loc);
  Chan<T> no = chan<T>("split-false", false_buffer, loc);
  go(
      "split",
      [pred = std::move(pred), ch, yes, no]() -> Proc<void> {
        while (auto v = co_await ch.take()) {
          const Chan<T>& to = pred(*v) ? yes : no;
          co_await to.put(std::move(*v));
        }
        yes.close();
        no.close();
      },
      loc);
  return {yes, no};
}

}  // namespace csp
