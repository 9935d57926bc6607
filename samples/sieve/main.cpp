// The concurrent prime sieve: a generator sends 2, 3, 4, ...; each prime found starts a filter
// process that passes on only numbers not divisible by it. The chain of filters grows as primes
// are found. At the end main closes `quit`, the generator stops and closes its channel, and
// the closes ripple down the chain so every process ends.
#include <csp/csp.hpp>

#include "../sample_cli.hpp"

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  const long primes = samples::int_flag(argc, argv, "--primes", 10);
  csp::Options options = samples::options(argc, argv, {"--primes"});
  csp::RunResult result = csp::run(options, [primes]() -> csp::Proc<void> {
    auto quit = csp::chan<csp::Unit>("quit");
    auto ch = csp::chan<long>("numbers");
    csp::go("generator", [=]() -> csp::Proc<void> {
      for (long n = 2;; ++n) {
        auto r = co_await csp::alts(csp::put(ch, n), csp::take(quit));
        if (r.index == 1) break;
      }
      ch.close();
    });
    for (long i = 0; i < primes; ++i) {
      long prime = *co_await ch.take();
      std::printf("%ld\n", prime);
      auto in = ch;
      auto out = csp::chan<long>("primes-not-div-" + std::to_string(prime));
      csp::go("filter-" + std::to_string(prime), [=]() -> csp::Proc<void> {
        while (auto v = co_await in.take())
          if (*v % prime != 0 && !co_await out.put(*v)) break;
        out.close();
      });
      ch = out;
    }
    quit.close();
    while (co_await ch.take()) {
    }  // drain what is still in flight until the last filter closes its channel
  });
  return samples::exit_code(result);
}
