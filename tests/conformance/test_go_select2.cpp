// Go test/chan/select2.go, translated to csp::: 100 000 selects do not grow the heap. After a
// warm-up round, a second round of 100 000 receives through a two-case select may leave at most
// 100 000 more bytes in use (Go: MemStats.Alloc; here glibc's count of allocated bytes,
// mallinfo2().uordblks, which ThreadSanitizer's allocator does not maintain).
#include "conformance.hpp"

#include <malloc.h>

using conformance::on_every_scheduler;
using conformance::Scheduler;

namespace {

constexpr int kSelects = 100000;

// sender and receiver of the original; the receiver is a go process, as Go's main is a
// goroutine. The receiver counts the times the dummy case won (Go panics).
int round_trip(const csp::Chan<int>& c, const csp::Chan<int>& dummy) {
  csp::spawn("sender", [c]() -> csp::Proc<void> {
    for (int i = 0; i < kSelects; ++i) co_await c.put(1);
  });
  auto receiver = csp::go("receiver", [c, dummy]() -> csp::Proc<int> {
    int dummies = 0;
    for (int i = 0; i < kSelects; ++i)
      dummies += (co_await csp::alts(csp::take(c), csp::take(dummy))).index == 1;
    co_return dummies;
  });
  return receiver.take_blocking().value_or(-1);
}

}  // namespace

TEST_CASE("go test/chan/select2.go", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) {
    auto c = csp::chan<int>("c");
    auto dummy = csp::chan<int>("dummy");
    CHECK(round_trip(c, dummy) == 0);  // warm up
    const std::size_t before = mallinfo2().uordblks;
    CHECK(round_trip(c, dummy) == 0);  // second time shouldn't increase footprint by much
    const std::size_t after = mallinfo2().uordblks;
    const long grown = static_cast<long>(after) - static_cast<long>(before);
    INFO("heap grew by " << grown << " bytes over " << kSelects << " selects");
    CHECK(grown <= 100000);
  });
}
