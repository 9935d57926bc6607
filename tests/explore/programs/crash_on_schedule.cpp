// A program that dies of SIGSEGV under some schedules: two workers race to put into one
// channel, and main crashes when the second worker wins. `csptrace explore` must report the
// crash with its schedule and keep the trace the crash-safe recorder left.
#include <csp/csp.hpp>

#include <csignal>

int main(int argc, char** argv) {
  csp::Options options = csp::Options::from_args(argc, argv);
  csp::RunResult r = csp::run(options, [] {
    auto first = csp::chan<int>("first", csp::fixed(2));
    csp::go("one", [=]() -> csp::Proc<void> { co_await first.put(1); });
    csp::go("two", [=]() -> csp::Proc<void> { co_await first.put(2); });
    if (first.take_blocking() == 2) std::raise(SIGSEGV);
    first.take_blocking();
  });
  return r.exit_code();
}
