// pipe, onto_chan, to_chan (core.async's pipe, onto-chan!, to-chan!), each a named process.
#pragma once

#include <csp/chan.hpp>
#include <csp/go.hpp>
#include <csp/proc.hpp>

#include <csp/source_location.hpp>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace csp {

// Takes every value from `from` and puts it to `to`; when `from` closes, closes `to` (unless
// close_to is false). Stops early when `to` refuses a put (it was closed). The result channel
// closes when the process ends.
template <class T>
Chan<Unit> pipe(Chan<T> from, Chan<T> to, bool close_to = true,
                csp::SourceLocation loc = csp::SourceLocation::current()) {
  return go(
      "pipe",
      [from, to, close_to]() -> Proc<void> {
        while (auto v = co_await from.take()) {
          if (!co_await to.put(std::move(*v))) break;
        }
        if (close_to) to.close();
      },
      loc);
}

// Puts the items onto `ch` in order, then closes it (unless close is false).
template <class T, class Range>
Chan<Unit> onto_chan(Chan<T> ch, Range items, bool close = true,
                     csp::SourceLocation loc = csp::SourceLocation::current()) {
  return go(
      "onto-chan",
      [ch, items = std::move(items), close]() -> Proc<void> {
        for (const auto& item : items) {
          if (!co_await ch.put(T(item))) break;
        }
        if (close) ch.close();
      },
      loc);
}

// A new channel (buffered to hold them all) with the items in order, closed after them.
template <class Range>
auto to_chan(Range items, std::string name = "to-chan",
             csp::SourceLocation loc = csp::SourceLocation::current()) {
  using T = std::decay_t<decltype(*std::begin(items))>;
  std::vector<T> values(std::begin(items), std::end(items));
  Chan<T> ch =
      values.empty() ? chan<T>(name, BufferSpec{}, loc) : chan<T>(name, fixed(values.size()), loc);
  onto_chan(ch, std::move(values), true, loc);
  return ch;
}

}  // namespace csp
