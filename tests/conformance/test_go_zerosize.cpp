// Go test/chan/zerosize.go, translated to csp::: channels of zero-sized element types, unbuffered
// and with a buffer, can be made. ([0]byte is std::array<std::byte, 0>; struct{} an empty
// struct.) A value is also passed through each buffered one, which the original does not do.
#include "conformance.hpp"

#include <array>
#include <cstddef>

using conformance::on_every_scheduler;
using conformance::Scheduler;

namespace {
struct Empty {};
}  // namespace

TEST_CASE("go test/chan/zerosize.go", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) {
    using Bytes0 = std::array<std::byte, 0>;
    auto a = csp::chan<Bytes0>("[0]byte");
    auto b = csp::chan<Bytes0>("[0]byte, 1", csp::fixed(1));
    auto c = csp::chan<Empty>("struct{}");
    auto d = csp::chan<Empty>("struct{}, 1", csp::fixed(1));
    CHECK((a.valid() && b.valid() && c.valid() && d.valid()));
    CHECK(b.offer(Bytes0{}));
    CHECK(b.poll().has_value());
    CHECK(d.offer(Empty{}));
    CHECK(d.poll().has_value());
  });
}
