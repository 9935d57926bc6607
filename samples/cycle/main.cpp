// A wait-for cycle: alice waits to hear from bob before she speaks, and bob waits to hear
// from alice before he speaks. Neither ever speaks.
#include <csp/csp.hpp>

#include "../sample_cli.hpp"

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  csp::Options options = samples::options(argc, argv);
  csp::RunResult result = csp::run(options, [] {
    auto to_alice = csp::chan<std::string>("to-alice"), to_bob = csp::chan<std::string>("to-bob");
    auto alice = csp::go("alice", [=]() -> csp::Proc<void> {
      auto heard = co_await to_alice.take();
      co_await to_bob.put("hi bob, you said " + heard.value_or("nothing"));
    });
    auto bob = csp::go("bob", [=]() -> csp::Proc<void> {
      auto heard = co_await to_bob.take();
      co_await to_alice.put("hi alice, you said " + heard.value_or("nothing"));
    });
    alice.take_blocking();
    bob.take_blocking();
    std::printf("they talked\n");
  });
  if (result.status == csp::RunStatus::Deadlock) std::printf("%s\n", result.message.c_str());
  return samples::exit_code(result);
}
