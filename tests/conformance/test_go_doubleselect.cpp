// Go test/chan/doubleselect.go, translated to csp::: flushes out two cases of one select both
// running. A sender selects over four channels to send each counter value; four muxes forward
// the four channels onto one; the receiver must never see a value twice.
#include "conformance.hpp"

#include <array>
#include <vector>

using conformance::on_every_scheduler;
using conformance::Scheduler;

TEST_CASE("go test/chan/doubleselect.go", "[conformance][go]") {
  static constexpr int iterations = 100000;
  on_every_scheduler([](const Scheduler&) {
    const std::array<csp::Chan<int>, 4> c{csp::chan<int>("c1"), csp::chan<int>("c2"),
                                          csp::chan<int>("c3"), csp::chan<int>("c4")};
    auto done = csp::chan<bool>("done");
    auto cmux = csp::chan<int>("cmux");
    csp::spawn("sender", [c]() -> csp::Proc<void> {
      for (int i = 0; i < iterations; ++i)
        co_await csp::alts(csp::put(c[0], i), csp::put(c[1], i), csp::put(c[2], i),
                           csp::put(c[3], i));
      for (const auto& ch : c) ch.close();
    });
    for (const auto& in : c)
      csp::spawn("mux", [in, cmux, done]() -> csp::Proc<void> {
        while (std::optional<int> v = co_await in.take()) co_await cmux.put(*v);
        co_await done.put(true);
      });
    csp::spawn("closer", [done, cmux]() -> csp::Proc<void> {
      for (int i = 0; i < 4; ++i) co_await done.take();
      cmux.close();
    });
    // recver
    std::vector<char> seen(iterations, 0);
    int duplicates = 0;
    while (std::optional<int> v = cmux.take_blocking()) {
      if (seen[static_cast<size_t>(*v)]) ++duplicates;  // "got duplicate value"
      seen[static_cast<size_t>(*v)] = 1;
    }
    CHECK(duplicates == 0);
  });
}
