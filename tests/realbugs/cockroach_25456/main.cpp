// GoKer goker/blocking/cockroach/25456 (cockroach PR 25456, the consistency queue).
//
// After a failed consistency check, process() asks whether the server is quiescing with a plain
// receive on the stopper's quiescer channel. That channel is only ever closed, and nobody closes
// it in this test: the test blocks forever on its first process() (a global deadlock: nothing
// else runs).
// The fix: the receive becomes a select with a default, a poll that does not wait.
#include "../realbugs.hpp"

namespace {

struct Stopper {
  csp::Chan<csp::Unit> quiescer;  // only ever closed
};

csp::Chan<csp::Unit> ShouldQuiesce(Stopper s) { return s.quiescer; }

Stopper NewStopper() { return Stopper{csp::chan<csp::Unit>("quiescer")}; }

struct Store {
  Stopper stopper;
};

struct Replica {
  Store store;
};

csp::Proc<void> process(Replica repl, bool fixed) {
  csp::Chan<csp::Unit> quiesce = ShouldQuiesce(repl.store.stopper);
  if (fixed) {
    co_await csp::alts(csp::take(quiesce), csp::otherwise);  // select with default
  } else {
    co_await quiesce.take();  // <-repl.store.Stopper().ShouldQuiesce()
  }
}

csp::Proc<void> TestCockroach25456(realbugs::Flags f) {
  Stopper stopper = NewStopper();
  Store store{stopper};  // tc.StartWithStoreConfig(stopper)
  Replica repl{store};
  for (int i = 0; i < 2; i++) co_await process(repl, f.fixed);  // tc.store.consistencyQueue.process
}

}  // namespace

int main(int argc, char** argv) { return realbugs::run_kernel(argc, argv, TestCockroach25456); }
