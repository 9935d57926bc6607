// Ping-pong: two processes bounce a counter over two unbuffered channels. Every round trip is
// two rendezvous; in the viewer each shows as an arrow from sender to receiver.
#include <csp/csp.hpp>

#include "../sample_cli.hpp"

#include <cstdio>

int main(int argc, char** argv) {
  const long rounds = samples::int_flag(argc, argv, "--rounds", 10);
  csp::Options options = samples::options(argc, argv, {"--rounds"});
  csp::RunResult result = csp::run(options, [rounds]() -> csp::Proc<void> {
    auto ping = csp::chan<long>("ping"), pong = csp::chan<long>("pong");
    auto ponger = csp::go("ponger", [=]() -> csp::Proc<void> {
      while (auto v = co_await ping.take()) co_await pong.put(*v + 1);
      pong.close();
    });
    auto pinger = csp::go("pinger", [=]() -> csp::Proc<void> {
      long ball = 0;
      for (long i = 0; i < rounds; ++i) {
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
