// Go test/chan/sendstmt.go, translated to csp::: chanchan, a select case sending to the channel
// just received from a channel of channels (`case <-cc <- 2`). (sendprec, the precedence of
// `c <- false || true`, is a matter of Go's grammar.)
#include "conformance.hpp"

using conformance::on_every_scheduler;
using conformance::Scheduler;

TEST_CASE("go test/chan/sendstmt.go: chanchan", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) {
    auto cc = csp::chan<csp::Chan<int>>("cc", csp::fixed(1));
    auto c = csp::chan<int>("c", csp::fixed(1));
    cc.put_blocking(c);
    // Go evaluates `<-cc` on entering the select; so does this, before the alts.
    const csp::Chan<int> target = cc.take_blocking().value_or(csp::Chan<int>());
    auto r = csp::alts_blocking(csp::put(target, 2), csp::otherwise);
    CHECK(r.index == 0);  // else panic("nonblock")
    CHECK(c.take_blocking() == 2);
  });
}
