// merge(chans): one channel that receives every value from all of `chans`, and closes when all
// of them have closed (core.async merge). Each input is forwarded by a process of its own, so a
// slow input never delays the others; values from one input keep their order.
#pragma once

#include <csp/buffer_spec.hpp>
#include <csp/chan.hpp>
#include <csp/go.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace csp {

template <class T>
Chan<T> merge(const std::vector<Chan<T>>& chans, std::string name = "merged",
              BufferSpec buffer = {}) {
  auto out = chan<T>(name, buffer);
  if (chans.empty()) {
    out.close();
    return out;
  }
  // The last forwarder to see its input closed closes `out`.
  auto open = std::make_shared<std::atomic<std::size_t>>(chans.size());
  for (const auto& in : chans)
    go("merge " + in.name() + " -> " + name, [in, out, open]() -> Proc<void> {
      while (auto v = co_await in.take())
        if (!co_await out.put(std::move(*v))) break;
      if (open->fetch_sub(1, std::memory_order_acq_rel) == 1) out.close();
    });
  return out;
}

}  // namespace csp
