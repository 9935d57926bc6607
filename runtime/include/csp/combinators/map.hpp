// map (core.async's a/map): f applied to one value from each of several channels at a time.
#pragma once

#include <csp/chan.hpp>
#include <csp/go.hpp>
#include <csp/proc.hpp>
#include <csp/take_any.hpp>

#include <csp/source_location.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace csp {

// A channel (with `buffer`) that receives f(v0, v1, ...) (f takes a std::vector<T> of one
// value from each input, in input order) for the first values of every input, then their
// second values, and so on; it closes when any input is closed and drained. A "map" process
// takes the next value of every input at once (a take_any over the inputs that have not given
// one yet, as core.async's take! on each), so a slow input holds up only the result. With no
// inputs the channel is closed at once.
template <class T, class F>
auto map(F f, std::vector<Chan<T>> inputs, std::string name = "map", BufferSpec buffer = {},
         csp::SourceLocation loc = csp::SourceLocation::current()) {
  using U = std::decay_t<std::invoke_result_t<F&, std::vector<T>>>;
  Chan<U> out = chan<U>(name, buffer, loc);
  if (inputs.empty()) {
    out.close(loc);
    return out;
  }
  go(
      "map",
      [f = std::move(f), inputs = std::move(inputs), out]() mutable -> Proc<void> {
        for (;;) {
          std::vector<std::optional<T>> got(inputs.size());
          std::vector<std::size_t> left(inputs.size());  // inputs without a value this round
          for (std::size_t i = 0; i < left.size(); ++i) left[i] = i;
          bool closed = false;
          while (!left.empty()) {
            std::vector<Chan<T>> chans;
            for (std::size_t i : left) chans.push_back(inputs[i]);
            TakeAnyResult<T> r = co_await take_any(std::move(chans));
            const std::size_t at = static_cast<std::size_t>(r.index);
            if (!r.value) closed = true;  // the round still takes from every input, as core.async
            got[left[at]] = std::move(r.value);
            left.erase(left.begin() + static_cast<std::ptrdiff_t>(at));
          }
          if (closed) break;
          std::vector<T> values;
          values.reserve(got.size());
          for (std::optional<T>& v : got) values.push_back(std::move(*v));
          U result = f(std::move(values));
          if (!co_await out.put(std::move(result))) break;
        }
        out.close();
      },
      loc);
  return out;
}

}  // namespace csp
