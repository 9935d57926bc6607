// A traced program for the fault tests, built on csp::runtime like the samples: two go processes
// ping-pong a counter over two channels forever, traced to argv[1] (.jsonl or .csptrace). After
// argv[2] round trips main prints "ready" and keeps the exchange running, so the test can kill
// the program mid-run knowing at least that many transfers were recorded before.
#include <csp/csp.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: csp_fault_program TRACE ROUNDS\n");
    return 2;
  }
  csp::Options opt;
  opt.trace_path = argv[1];
  opt.program = "fault_program";
  const long rounds = std::atol(argv[2]);
  csp::RunResult r = csp::run(opt, [rounds] {
    auto ping = csp::chan<long>("ping");
    auto pong = csp::chan<long>("pong");
    auto reached = csp::chan<long>("reached", csp::fixed(1));
    (void)csp::go("echo", [=]() -> csp::Proc<void> {
      while (auto v = co_await ping.take()) co_await pong.put(*v);
    });
    (void)csp::go("counter", [=]() -> csp::Proc<void> {
      for (long i = 1;; ++i) {
        co_await ping.put(i);
        (void)co_await pong.take();
        if (i == rounds) co_await reached.put(i);
      }
    });
    (void)reached.take_blocking();
    std::printf("ready\n");
    std::fflush(stdout);
    // The exchange goes on until the test kills the program; main waits on a channel nobody
    // puts to (the other processes stay busy, so this is no deadlock).
    (void)csp::chan<int>("never").take_blocking();
  });
  std::fprintf(stderr, "%s\n", r.message.c_str());
  return r.exit_code();
}
