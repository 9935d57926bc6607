// merge (core.async's merge): one channel with the values of several.
#pragma once

#include <csp/chan.hpp>
#include <csp/go.hpp>
#include <csp/proc.hpp>

#include <csp/source_location.hpp>
#include <string>
#include <utility>
#include <vector>

namespace csp {

// A channel that receives every value of every input (in the order they arrive), and closes
// once all inputs have closed. One "merge" process per input forwards its values; a
// "merge-close" process closes the output when they are all done.
template <class T>
Chan<T> merge(std::vector<Chan<T>> inputs, std::string name = "merge", BufferSpec buffer = {},
              csp::SourceLocation loc = csp::SourceLocation::current()) {
  Chan<T> out = chan<T>(name, buffer, loc);
  std::vector<Chan<Unit>> forwarders;
  for (const Chan<T>& in : inputs) {
    forwarders.push_back(go(
        "merge",
        [in, out]() -> Proc<void> {
          while (auto v = co_await in.take()) {
            if (!co_await out.put(std::move(*v))) break;
          }
        },
        loc));
  }
  go(
      "merge-close",
      [forwarders = std::move(forwarders), out]() -> Proc<void> {
        for (const Chan<Unit>& f : forwarders) co_await f.take();
        out.close();
      },
      loc);
  return out;
}

}  // namespace csp
