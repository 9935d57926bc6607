// GoKer goker/blocking/cockroach/24808 (cockroach PR 24808, the storage compactor).
//
// The compactor's channel has a buffer of one. The test queues a compaction (the buffer is now
// full), then Start() sends once more "to wake up immediately", before it starts the worker that
// drains the channel: the send waits on a full buffer that nobody will ever read, and the test
// blocks forever (a global deadlock: nothing else runs).
// The fix: Start() sends with a select and a default, so it does not block when compactions are
// already waiting.
#include "../realbugs.hpp"

namespace {

struct Stopper {
  // sync.WaitGroup stop: Add and Done only (nobody waits on it in this test), left out.
  csp::Chan<csp::Unit> stopper;  // only ever closed
};

void RunWorker(Stopper /*s*/, std::function<csp::Proc<void>()> f) {
  csp::spawn("worker", [f]() -> csp::Proc<void> { co_await f(); });
}

csp::Chan<csp::Unit> ShouldStop(Stopper s) { return s.stopper; }

void Stop(Stopper s) { s.stopper.close(); }

Stopper NewStopper() { return Stopper{csp::chan<csp::Unit>("stopper")}; }

struct Compactor {
  csp::Chan<csp::Unit> ch;  // buffer 1
};

Compactor NewCompactor() { return Compactor{csp::chan<csp::Unit>("compactor.ch", csp::fixed(1))}; }

csp::Proc<void> Start(Compactor c, Stopper stopper, bool fixed) {
  if (fixed) {
    co_await csp::alts(csp::put(c.ch, csp::Unit{}), csp::otherwise);  // select with default
  } else {
    co_await c.ch.put(csp::Unit{});
  }
  RunWorker(stopper, [c, stopper]() -> csp::Proc<void> {
    for (;;) {
      csp::Chan<csp::Unit> stop = ShouldStop(stopper);
      auto r = co_await csp::alts(csp::take(stop), csp::take(c.ch));
      if (r.index == 0) co_return;
    }
  });
}

csp::Proc<void> TestCockroach24808(realbugs::Flags f) {
  Stopper stopper = NewStopper();
  Compactor compactor = NewCompactor();
  co_await compactor.ch.put(csp::Unit{});
  co_await Start(compactor, stopper, f.fixed);
  Stop(stopper);  // defer stopper.Stop()
}

}  // namespace

int main(int argc, char** argv) { return realbugs::run_kernel(argc, argv, TestCockroach24808); }
