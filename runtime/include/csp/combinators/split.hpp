// split(pred, from): two channels; values for which pred is true go to the first, the others to
// the second (core.async split). Both close when `from` closes.
#pragma once

#include <csp/buffer_spec.hpp>
#include <csp/chan.hpp>
#include <csp/go.hpp>

#include <string>
#include <utility>

namespace csp {

template <class T, class Pred>
std::pair<Chan<T>, Chan<T>> split(Pred pred, Chan<T> from, BufferSpec true_buffer = {},
                                  BufferSpec false_buffer = {}) {
  auto yes = chan<T>(from.name() + " (true)", true_buffer);
  auto no = chan<T>(from.name() + " (false)", false_buffer);
  go("split " + from.name(), [from, yes, no, pred]() mutable -> Proc<void> {
    while (auto v = co_await from.take()) {
      const bool which = pred(static_cast<const T&>(*v));
      if (!co_await (which ? yes : no).put(std::move(*v))) break;
    }
    yes.close();
    no.close();
  });
  return {yes, no};
}

}  // namespace csp
