// The ketchup shelf: three shelves with room for 2 bottles each, one per buffer policy.
// A stocker puts 5 bottles on each shelf before any customer comes; then a customer takes
// what is there. A fixed shelf makes the stocker wait for room; a dropping shelf ignores new
// bottles when full (keeps the first two); a sliding shelf pushes the oldest off (keeps the
// last two).
#include <csp/csp.hpp>

#include "../sample_cli.hpp"

#include <cstdio>
#include <string>

namespace {

void show_shelf(const char* policy, csp::Chan<std::string> shelf) {
  std::printf("%-8s shelf keeps:", policy);
  while (auto bottle = shelf.poll()) std::printf(" %s", bottle->c_str());
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  csp::Options options = samples::options(argc, argv);
  csp::RunResult result = csp::run(options, [] {
    const char* bottles[] = {"ketchup-1", "ketchup-2", "ketchup-3", "ketchup-4", "ketchup-5"};

    auto dropping = csp::chan<std::string>("dropping-shelf", csp::dropping(2));
    auto sliding = csp::chan<std::string>("sliding-shelf", csp::sliding(2));
    for (const char* b : bottles) {
      dropping.put_blocking(b);  // never waits: a full dropping shelf drops the new bottle
      sliding.put_blocking(b);   // never waits: a full sliding shelf drops the oldest bottle
    }
    show_shelf("dropping", dropping);
    show_shelf("sliding", sliding);

    // A fixed shelf cannot drop anything: the stocker waits until a customer makes room.
    auto fixed = csp::chan<std::string>("fixed-shelf", csp::fixed(2));
    auto stocker = csp::go("stocker", [=]() -> csp::Proc<void> {
      for (const char* b : bottles) co_await fixed.put(b);
      fixed.close();
    });
    std::printf("fixed    shelf gives:");
    while (auto bottle = fixed.take_blocking()) std::printf(" %s", bottle->c_str());
    std::printf("\n");
    stocker.take_blocking();
  });
  return samples::exit_code(result);
}
