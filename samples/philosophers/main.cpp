// Five dining philosophers; each fork is a channel holding one token (take = pick the fork up,
// put = lay it down).
//
// Default: a correct protocol. Every philosopher picks up the lower-numbered fork first, so a
// cycle of waiting is impossible.
// --deadlock: the naive protocol. Everyone picks up the left fork, then waits at the table
// until all five hold their left fork, then reaches for the right one: each waits for a fork
// its neighbour holds, under every seed.
#include <csp/csp.hpp>

#include "../sample_cli.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace {
constexpr int kSeats = 5;
constexpr int kMeals = 3;
}  // namespace

int main(int argc, char** argv) {
  const bool naive = samples::has_flag(argc, argv, "--deadlock");
  csp::Options options = samples::options(argc, argv, {"--deadlock"});
  csp::RunResult result = csp::run(options, [naive] {
    std::vector<csp::Chan<int>> forks;
    for (int i = 0; i < kSeats; ++i) {
      forks.push_back(csp::chan<int>("fork-" + std::to_string(i), csp::fixed(1)));
      forks.back().offer(i);  // the fork lies on the table
    }
    // The table lets the naive philosophers reach for the right fork only once everybody holds
    // a left fork: it makes the deadlock certain instead of likely.
    auto seated = csp::chan<int>("seated"), all_seated = csp::chan<int>("all-seated");
    if (naive)
      csp::go("table", [=]() -> csp::Proc<void> {
        for (int i = 0; i < kSeats; ++i) co_await seated.take();
        for (int i = 0; i < kSeats; ++i) co_await all_seated.put(1);
      });
    std::vector<csp::Chan<csp::Unit>> done;
    for (int i = 0; i < kSeats; ++i) {
      const int left = i, right = (i + 1) % kSeats;
      const int first = naive ? left : std::min(left, right);
      const int second = naive ? right : std::max(left, right);
      done.push_back(csp::go("phil-" + std::to_string(i), [=]() -> csp::Proc<void> {
        for (int meal = 0; meal < kMeals; ++meal) {
          int a = *co_await forks[first].take();
          if (naive && meal == 0) {
            co_await seated.put(i);
            co_await all_seated.take();
          }
          int b = *co_await forks[second].take();
          csp::mark("phil-" + std::to_string(i) + " eats");
          co_await forks[first].put(a);
          co_await forks[second].put(b);
        }
      }));
    }
    for (auto& d : done) d.take_blocking();
    std::printf("all philosophers ate %d meals\n", kMeals);
  });
  if (result.status == csp::RunStatus::Deadlock) std::printf("%s\n", result.message.c_str());
  return samples::exit_code(result);
}
