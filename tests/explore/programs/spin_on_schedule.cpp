// A program that never ends under some schedules (a livelock stands in for a busy loop):
// `csptrace explore --run-timeout` must kill it, report it and go on or stop as documented.
#include <csp/csp.hpp>

#include <atomic>

int main(int argc, char** argv) {
  csp::Options options = csp::Options::from_args(argc, argv);
  csp::RunResult r = csp::run(options, [] {
    auto first = csp::chan<int>("first", csp::fixed(2));
    csp::go("one", [=]() -> csp::Proc<void> { co_await first.put(1); });
    csp::go("two", [=]() -> csp::Proc<void> { co_await first.put(2); });
    std::atomic<unsigned long> spin{0};
    if (first.take_blocking() == 2)
      for (;;) spin.fetch_add(1, std::memory_order_relaxed);
    first.take_blocking();
  });
  return r.exit_code();
}
