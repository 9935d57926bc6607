// Go test/chan/sieve1.go (and its 2009 predecessor test/chan/sieve.go, the same program),
// translated to csp::: the classical inefficient concurrent prime sieve, a linear chain of
// divisibility filters; the first 25 primes must come out.
#include "conformance.hpp"

#include <vector>

using conformance::on_every_scheduler;
using conformance::Scheduler;

namespace {

// Sends 2, 3, 4, ... to ch.
void generate(csp::Chan<int> ch) {
  csp::spawn("Generate", [ch]() -> csp::Proc<void> {
    for (int i = 2;; ++i) co_await ch.put(i);
  });
}

// Copies the values from `in` to `out`, removing those divisible by `prime`.
void filter(csp::Chan<int> in, csp::Chan<int> out, int prime) {
  csp::spawn("Filter", [in, out, prime]() -> csp::Proc<void> {
    while (std::optional<int> i = co_await in.take())
      if (*i % prime != 0) co_await out.put(*i);
  });
}

// The prime sieve: daisy-chains Filter processes together.
void sieve(csp::Chan<int> primes) {
  csp::spawn("Sieve", [primes]() -> csp::Proc<void> {
    csp::Chan<int> ch = csp::chan<int>("ch");
    generate(ch);
    for (;;) {
      const int prime = (co_await ch.take()).value_or(-1);
      co_await primes.put(prime);
      csp::Chan<int> ch1 = csp::chan<int>("ch");
      filter(ch, ch1, prime);
      ch = ch1;
    }
  });
}

}  // namespace

TEST_CASE("go test/chan/sieve1.go", "[conformance][go]") {
  const std::vector<int> a{2,  3,  5,  7,  11, 13, 17, 19, 23, 29, 31, 37, 41,
                           43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97};
  on_every_scheduler([&](const Scheduler&) {
    auto primes = csp::chan<int>("primes");
    sieve(primes);
    std::vector<int> got;
    for (std::size_t i = 0; i < a.size(); ++i) got.push_back(primes.take_blocking().value_or(-1));
    CHECK(got == a);
  });
}
