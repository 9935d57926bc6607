// onto_chan_blocking, to_chan_blocking (core.async's onto-chan!!, to-chan!!): onto_chan and
// to_chan on a thread, for a range whose iteration may block (it reads a file, it takes from
// channels with take_blocking).
#pragma once

#include <csp/chan.hpp>
#include <csp/go.hpp>

#include <algorithm>
#include <csp/source_location.hpp>
#include <cstddef>
#include <iterator>
#include <ranges>
#include <string>
#include <type_traits>
#include <utility>

namespace csp {

// Puts the items onto `ch` in order from an "onto-chan!!" thread (blocking puts), then closes
// it (unless close is false). Stops at the first refused put (ch was closed). The range is
// moved to the thread and iterated there. Returns the thread's result channel (closes when it
// ends).
template <class T, class Range>
Chan<Unit> onto_chan_blocking(Chan<T> ch, Range items, bool close = true,
                              csp::SourceLocation loc = csp::SourceLocation::current()) {
  return thread(
      "onto-chan!!",
      [ch, items = std::move(items), close]() mutable {
        for (auto&& item : items) {
          if (!ch.put_blocking(T(std::forward<decltype(item)>(item)))) break;
        }
        if (close) ch.close();
      },
      loc);
}

// A new channel with the items in order, filled by onto_chan_blocking and closed after them.
// As core.async: buffered to hold up to 100 of them (a sized range: min(size, 100); empty:
// an unbuffered channel, closed at once; unsized: 100).
template <class Range>
auto to_chan_blocking(Range items, std::string name = "to-chan!!",
                      csp::SourceLocation loc = csp::SourceLocation::current()) {
  using T = std::remove_cvref_t<std::ranges::range_reference_t<Range>>;
  std::size_t n = 100;
  if constexpr (std::ranges::sized_range<Range>)
    n = std::min<std::size_t>(static_cast<std::size_t>(std::ranges::size(items)), 100);
  if (n == 0) {
    Chan<T> ch = chan<T>(name, BufferSpec{}, loc);
    ch.close(loc);
    return ch;
  }
  Chan<T> ch = chan<T>(name, fixed(n), loc);
  onto_chan_blocking(ch, std::move(items), true, loc);
  return ch;
}

}  // namespace csp
