// Go test/chan/select8.go, translated to csp::: one-, two- and three-case selects against a
// process that sends forever. (The program's subject, `break` inside a select, and its
// `select { default: }`, which has no csp:: form, are language matters.) The cases marked
// unreachable there must not be chosen: a put can never meet a sender.
#include "conformance.hpp"

using conformance::on_every_scheduler;
using conformance::Scheduler;

TEST_CASE("go test/chan/select8.go", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) {
    auto ch = csp::chan<int>("ch");
    csp::spawn("sender", [ch]() -> csp::Proc<void> {
      for (;;) co_await ch.put(5);
    });
    auto one = csp::alts_blocking(csp::take(ch));
    CHECK(one.index == 0);
    CHECK(one.get<0>() == 5);
    auto two = csp::alts_blocking(csp::take(ch), csp::otherwise);
    CHECK((two.index == 0 || two.index == -1));
    auto three = csp::alts_blocking(csp::take(ch), csp::put(ch, 10), csp::otherwise);
    CHECK(three.index != 1);
  });
}
