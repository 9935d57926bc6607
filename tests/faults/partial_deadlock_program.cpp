// A program hung in a partial deadlock, for the dump tests (issue 25): "left" makes two
// channels and starts "right"; each then waits to take from the channel only the other puts on,
// while "worker" keeps working (a tick every 10 ms) and main counts the ticks for SECONDS of
// wall time, then returns. So the runtime's global detector stays silent; SIGUSR1 dumps the
// state (dumps are on: Options::dump_on_signal) to $CSP_DUMP_PATH's numbered names. --busy: the
// worker ticks as fast as main takes (about a million events a second traced), for the flight
// recorder's tests; with --last FILE main writes the last tick it took to FILE before it returns;
// with --ticks N main takes N ticks instead of counting SECONDS (so that a seeded run is the
// same run every time).
//
//   csp_partial_deadlock SECONDS DUMP_PATH|- [--busy] [--last FILE] [--ticks N] [--seed N]
//                        [--trace T] [--trace-ring SIZE]
// Prints "ready" once both are about to wait. The test finds the lines of the two waits by the
// markers in their comments.
#include <csp/csp.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace std::chrono_literals;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(
        stderr,
        "usage: csp_partial_deadlock SECONDS DUMP_PATH|- [--busy] [--last FILE] [--ticks N] "
        "[--seed N] [--trace T] [--trace-ring SIZE]\n");
    return 2;
  }
  const double seconds = std::atof(argv[1]);
  bool busy = false;
  const char* last_file = nullptr;
  long ticks_wanted = -1;
  for (int i = 3; i < argc; ++i) {
    busy = busy || std::strcmp(argv[i], "--busy") == 0;
    if (std::strcmp(argv[i], "--last") == 0 && i + 1 < argc) last_file = argv[i + 1];
    if (std::strcmp(argv[i], "--ticks") == 0 && i + 1 < argc) ticks_wanted = std::atol(argv[i + 1]);
  }
  if (std::strcmp(argv[2], "-") != 0) ::setenv("CSP_DUMP_PATH", argv[2], 1);
  csp::Options opt = csp::Options::from_args(argc, argv);
  opt.program = "partial_deadlock";
  opt.dump_on_signal = true;
  long last = -1;
  csp::RunResult r = csp::run(opt, [seconds, busy, ticks_wanted, &last] {
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
        if (!busy) co_await csp::timeout(10ms).take();
        if (!co_await ticks.put(i)) co_return;
      }
    });
    (void)about_to_wait.take_blocking();
    (void)about_to_wait.take_blocking();
    std::printf("ready\n");
    std::fflush(stdout);
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    if (ticks_wanted >= 0)
      for (long i = 0; i < ticks_wanted; ++i) last = ticks.take_blocking().value_or(-1);
    else
      while (std::chrono::steady_clock::now() < until) last = ticks.take_blocking().value_or(-1);
    ticks.close();
  });
  if (last_file != nullptr) {
    if (FILE* f = std::fopen(last_file, "w")) {
      std::fprintf(f, "%ld\n", last);
      std::fclose(f);
    }
  }
  if (!r.message.empty()) std::fprintf(stderr, "%s\n", r.message.c_str());
  return r.status == csp::RunStatus::Error ? 1 : 0;
}
