// Go test/chan/powser2.go, translated to csp:: (the package is in powser.hpp): power series as
// networks of demand channels; rationals travel through an interface (a pointer to a
// polymorphic item). The program's test checks the first
// terms of 1/(1-x) and of series built from it: sums, products, derivative, integral, exp and
// arctan.
#include "conformance.hpp"
#include "powser.hpp"

#include <string>
#include <vector>

using conformance::on_every_scheduler;
using conformance::Scheduler;

TEST_CASE("go test/chan/powser2.go", "[conformance][go]") {
  using Series = powser::PowerSeries<powser::ByInterface>;
  on_every_scheduler([](const Scheduler&) {
    auto failures = csp::go(
        "main", []() -> csp::Proc<std::vector<std::string>> { co_return co_await Series::test(); });
    const std::vector<std::string> got =
        failures.take_blocking().value_or(std::vector<std::string>{"main ended without a result"});
    CHECK(got == std::vector<std::string>{});
  });
}
