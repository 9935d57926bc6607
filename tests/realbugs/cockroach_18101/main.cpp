// GoKer goker/blocking/cockroach/18101 (cockroach PR 18101, RESTORE's splitAndScatter).
//
// restore() starts a producer that sends chanSize+2 spans into a channel with a buffer of
// chanSize, and consumes them until the context is cancelled, then returns. Once the consumer
// has gone, the producer fills the buffer and waits forever on its next send: a full buffer
// nobody reads, and a goroutine leak at test exit.
// The fix: the producer sends in a select that also waits for ctx.Done() (only ever closed),
// so it returns when the context is cancelled.
#include "../realbugs.hpp"

namespace {

constexpr int chanSize = 6;

csp::Proc<void> splitAndScatter(csp::Chan<csp::Unit> ctxDone, csp::Chan<bool> readyForImportCh,
                                bool fixed) {
  for (int i = 0; i < chanSize + 2; i++) {
    if (fixed) {
      auto r = co_await csp::alts(csp::take(ctxDone), csp::put(readyForImportCh, i != 0));
      if (r.index == 0) co_return;
    } else {
      co_await readyForImportCh.put(i != 0);
    }
  }
}

csp::Proc<bool> restore(csp::Chan<csp::Unit> ctxDone, bool fixed) {
  auto readyForImportCh = csp::chan<bool>("readyForImportCh", csp::fixed(chanSize));
  csp::spawn("G2 splitAndScatter", [=]() -> csp::Proc<void> {
    co_await splitAndScatter(ctxDone, readyForImportCh, fixed);
    readyForImportCh.close();  // defer close(readyForImportCh)
  });
  while (std::optional<bool> readyForImportSpan = co_await readyForImportCh.take()) {
    co_await ctxDone.take();  // select { case <-ctx.Done(): return readyForImportSpan }
    co_return *readyForImportSpan;
  }
  co_return true;
}

csp::Proc<void> TestCockroach18101(realbugs::Flags f) {
  auto ctxDone = csp::chan<csp::Unit>("ctx.Done");  // ctx, cancel := context.WithCancel(...)
  csp::spawn("G1 restore",
             [ctxDone, f]() -> csp::Proc<void> { co_await restore(ctxDone, f.fixed); });
  csp::spawn("cancel", [ctxDone]() -> csp::Proc<void> {
    ctxDone.close();  // cancel()
    co_return;
  });
  co_return;
}

}  // namespace

int main(int argc, char** argv) { return realbugs::run_kernel(argc, argv, TestCockroach18101); }
