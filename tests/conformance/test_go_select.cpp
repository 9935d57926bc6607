// Go test/chan/select.go, translated to csp::: a select's send values are all evaluated on
// entry, even for cases that cannot be chosen; a chosen case is then disabled (Go: set to nil)
// until none is left and the default runs.
//
// csp:: refuses a null Chan in alts (docs/runtime.md; see test_go_select3.cpp), so a disabled
// case here is a guard on a private channel nobody uses, which is never ready either.
#include "conformance.hpp"

using conformance::on_every_scheduler;
using conformance::Scheduler;

namespace {

struct Program {
  unsigned counter = 0;
  unsigned shift = 0;
  csp::Chan<unsigned> nil = csp::chan<unsigned>("nil");

  unsigned GetValue() {
    ++counter;
    return 1u << shift;
  }

  int Send(csp::Chan<unsigned> a, csp::Chan<unsigned> b) {
    int i = 0;
    for (;;) {
      auto r = csp::alts_blocking(csp::put(a, GetValue()), csp::put(b, GetValue()), csp::otherwise);
      if (r.index == -1) break;
      ++i;
      (r.index == 0 ? a : b) = nil;
      ++shift;
    }
    return i;
  }
};

}  // namespace

TEST_CASE("go test/chan/select.go", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) {
    Program p;
    auto a = csp::chan<unsigned>("a", csp::fixed(1));
    auto b = csp::chan<unsigned>("b", csp::fixed(1));
    CHECK(p.Send(a, b) == 2);
    const unsigned av = a.take_blocking().value_or(0), bv = b.take_blocking().value_or(0);
    CHECK((av | bv) == 3u);
    CHECK(p.Send(a, p.nil) == 1);
    CHECK(p.counter == 10u);
  });
}
