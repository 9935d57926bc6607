// Ping-pong: two processes bounce a counter over two unbuffered channels. Every round trip is
// two rendezvous; in the viewer each shows as an arrow from sender to receiver.
//
// --rate N holds the run to about N events a second (a round trip records six), so that a
// trace can be followed as it is written (cspview --follow, docs/long-runs.md): every 1000
// round trips the pinger sleeps until the schedule catches up. It sleeps on its worker thread,
// which a program should not do (csp::timeout parks instead); here it keeps the trace exactly
// that of an unpaced run, without a timer channel per pause.
#include <csp/csp.hpp>

#include "../sample_cli.hpp"

#include <chrono>
#include <cstdio>
#include <thread>

int main(int argc, char** argv) {
  const long rounds = samples::int_flag(argc, argv, "--rounds", 10);
  const long rate = samples::int_flag(argc, argv, "--rate", 0);
  csp::Options options = samples::options(argc, argv, {"--rounds", "--rate"});
  csp::RunResult result = csp::run(options, [rounds, rate]() -> csp::Proc<void> {
    auto ping = csp::chan<long>("ping"), pong = csp::chan<long>("pong");
    auto ponger = csp::go("ponger", [=]() -> csp::Proc<void> {
      while (auto v = co_await ping.take()) co_await pong.put(*v + 1);
      pong.close();
    });
    auto pinger = csp::go("pinger", [=]() -> csp::Proc<void> {
      const auto start = std::chrono::steady_clock::now();
      long ball = 0;
      for (long i = 0; i < rounds; ++i) {
        if (rate > 0 && i % 1000 == 0) {
          const auto due = start + std::chrono::nanoseconds(i * 6 * 1'000'000'000 / rate);
          const auto now = std::chrono::steady_clock::now();
          if (due > now) std::this_thread::sleep_for(due - now);
        }
        co_await ping.put(ball);
        ball = *co_await pong.take();
      }
      ping.close();
      std::printf("ball after %ld round trips: %ld\n", rounds, ball);
    });
    co_await pinger.take();
    co_await ponger.take();
  });
  return samples::exit_code(result);
}
