// A program hung in a partial deadlock, for the dump tests (issue 25): "left" makes two
// channels and starts "right"; each then waits to take from the channel only the other puts on,
// while "worker" keeps working (a tick every 10 ms) and main counts the ticks for SECONDS of
// wall time, then returns. So the runtime's global detector stays silent; SIGUSR1 dumps the
// state (dumps are on: Options::dump_on_signal) to $CSP_DUMP_PATH's numbered names.
//
//   csp_partial_deadlock SECONDS DUMP_PATH [--seed N] [--trace T]
// Prints "ready" once both are about to wait. The test finds the lines of the two waits by the
// markers in their comments.
#include <csp/csp.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace std::chrono_literals;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: csp_partial_deadlock SECONDS DUMP_PATH [--seed N]\n");
    return 2;
  }
  const double seconds = std::atof(argv[1]);
  ::setenv("CSP_DUMP_PATH", argv[2], 1);
  csp::Options opt = csp::Options::from_args(argc, argv);
  opt.program = "partial_deadlock";
  opt.dump_on_signal = true;
  csp::RunResult r = csp::run(opt, [seconds] {
    auto about_to_wait = csp::chan<int>("about-to-wait", csp::fixed(2));
    csp::spawn("left", [=]() -> csp::Proc<void> {
      auto to_left = csp::chan<int>("to-left");
      auto to_right = csp::chan<int>("to-right");
      csp::spawn("right", [=]() -> csp::Proc<void> {
        co_await about_to_wait.put(2);
        auto v = co_await to_right.take();  // WAIT-RIGHT
        co_await to_left.put(v.value_or(0) + 1);
      });
      co_await about_to_wait.put(1);
      auto v = co_await to_left.take();  // WAIT-LEFT
      co_await to_right.put(v.value_or(0) + 1);
    });
    auto ticks = csp::chan<long>("ticks");
    csp::spawn("worker", [=]() -> csp::Proc<void> {
      for (long i = 0;; ++i) {
        co_await csp::timeout(10ms).take();
        if (!co_await ticks.put(i)) co_return;
      }
    });
    (void)about_to_wait.take_blocking();
    (void)about_to_wait.take_blocking();
    std::printf("ready\n");
    std::fflush(stdout);
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (std::chrono::steady_clock::now() < until) (void)ticks.take_blocking();
    ticks.close();
  });
  if (!r.message.empty()) std::fprintf(stderr, "%s\n", r.message.c_str());
  return r.status == csp::RunStatus::Error ? 1 : 0;
}
