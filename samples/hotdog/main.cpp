// The hot dog vending machine, version 2 (core.async chapter, Listing 11-1).
// The machine is a go process with an input channel `in` (money) and an output channel `out`
// (food). Pocket lint buys wilted lettuce; 3 buys a hot dog. After two hot dogs the machine
// closes both channels, and the customer's further puts are refused.
#include <csp/csp.hpp>

#include "../sample_cli.hpp"

#include <cstdio>
#include <string>
#include <variant>

using Money = std::variant<int, std::string>;

// How a Money value appears in the trace: 3, or "pocket lint".
template <>
struct csp::Describe<Money> {
  static Preview preview(const Money& m) {
    if (auto* n = std::get_if<int>(&m)) return Preview::integer(*n);
    return Preview::of_text(std::get<std::string>(m));
  }
};

struct HotDogMachine {
  csp::Chan<Money> in;
  csp::Chan<std::string> out;
  csp::Chan<csp::Unit> done;  // closes when the machine has shut down
};

// The machine's channels, like (hot-dog-machine-v2 hot-dog-count).
HotDogMachine hot_dog_machine_v2(int hot_dog_count) {
  auto in = csp::chan<Money>("in");
  auto out = csp::chan<std::string>("out");
  auto done = csp::go("hot-dog-machine", [=]() -> csp::Proc<void> {
    for (int hc = hot_dog_count; hc > 0;) {
      std::optional<Money> input = co_await in.take();
      if (input && *input == Money{3}) {
        co_await out.put("hot dog");
        --hc;
      } else {
        co_await out.put("wilted lettuce");
      }
    }
    in.close();
    out.close();
  });
  return {in, out, done};
}

int main(int argc, char** argv) {
  csp::Options options = samples::options(argc, argv);
  csp::RunResult result = csp::run(options, [] {
    const HotDogMachine machine = hot_dog_machine_v2(2);
    auto buy = [&](Money m) {
      bool accepted = machine.in.put_blocking(m);
      std::optional<std::string> food = machine.out.take_blocking();
      std::printf("%s\n", accepted && food ? food->c_str() : "nil (the machine is closed)");
    };
    csp::mark("pocket lint");
    buy(std::string("pocket lint"));
    csp::mark("3");
    buy(3);
    csp::mark("3 again");
    buy(3);
    // In the book the machine's go block wins the race to close its channels before the next
    // customer arrives; waiting for it here shows the lesson under every schedule. (Without the
    // wait, a put that arrives first parks forever: close does not release waiting puts.)
    machine.done.take_blocking();
    csp::mark("3 once more: the machine has closed");
    buy(3);
  });
  return samples::exit_code(result);
}
