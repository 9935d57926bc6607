// pipe(from, to): a process that takes every value from `from` and puts it on `to` (core.async
// pipe). When `from` closes, `to` is closed too unless close_to is false; when `to` refuses a
// put (it was closed), the pipe stops taking.
#pragma once

#include <csp/chan.hpp>
#include <csp/go.hpp>

#include <string>

namespace csp {

template <class T>
Chan<Unit> pipe(Chan<T> from, Chan<T> to, bool close_to = true, std::string name = {}) {
  if (name.empty()) name = "pipe " + from.name() + " -> " + to.name();
  return go(std::move(name), [from, to, close_to]() -> Proc<void> {
    while (auto v = co_await from.take())
      if (!co_await to.put(std::move(*v))) break;
    if (close_to) to.close();
  });
}

}  // namespace csp
