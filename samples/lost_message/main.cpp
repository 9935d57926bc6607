// A lost message: the consumer waits for one more value than the producer sends, and the
// producer exits without closing the channel. The consumer waits forever on `data`, and main
// waits forever for the consumer. The runtime reports the deadlock; csptrace check names the
// consumer, the channel and the line, and explains that the only writer has exited.
#include <csp/csp.hpp>

#include "../sample_cli.hpp"

#include <cstdio>

int main(int argc, char** argv) {
  csp::Options options = samples::options(argc, argv);
  csp::RunResult result = csp::run(options, [] {
    auto data = csp::chan<int>("data");
    csp::go("producer", [=]() -> csp::Proc<void> {
      for (int i = 1; i <= 3; ++i) co_await data.put(i);
      // Bug: returns without data.close(), so the consumer is never told there is no more.
    });
    auto consumer = csp::go("consumer", [=]() -> csp::Proc<int> {
      int sum = 0;
      for (int i = 0; i < 4; ++i) sum += *co_await data.take();  // expects 4 values
      co_return sum;
    });
    auto sum = consumer.take_blocking();
    std::printf("sum = %d\n", sum ? *sum : -1);
  });
  if (result.status == csp::RunStatus::Deadlock) std::printf("%s\n", result.message.c_str());
  return samples::exit_code(result);
}
