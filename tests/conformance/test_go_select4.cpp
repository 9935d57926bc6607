// Go test/chan/select4.go, translated to csp::: a select with a ready and a non-ready receive
// takes the ready one and its value. (Go's point, that the assignment target of the case not
// chosen is never evaluated, is a language matter: a csp:: guard has no assignment target.)
#include "conformance.hpp"

using conformance::on_every_scheduler;
using conformance::Scheduler;

TEST_CASE("go test/chan/select4.go", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) {
    auto c = csp::chan<int>("c", csp::fixed(1));
    auto c1 = csp::chan<int>("c1");
    c.put_blocking(42);
    auto r = csp::alts_blocking(csp::take(c1), csp::take(c));
    REQUIRE(r.index == 1);
    CHECK(r.get<1>() == 42);
  });
}
