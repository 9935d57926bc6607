// GoKer goker/blocking/kubernetes/26980 (kubernetes PR 26980, the shared informer's
// processorListener).
//
// pop() holds p.lock for its whole loop, including while it waits for stopCh, a channel only
// ever closed, and closed only by the test's deferred close. The test waits (on resultCh) for a
// goroutine that wants p.lock: when pop() takes the lock first, pop waits for the test, the
// test for the goroutine, the goroutine for pop. A global deadlock.
// The fix: pop() takes the lock only around reading the pending notifications (blockingGet)
// and waits for stopCh without it.
// The cond.Wait() loop is left out: add(1) runs before pop() starts, so pop never finds the
// list empty, and add's Broadcast() has nobody to wake.
#include "../realbugs.hpp"

#include <deque>
#include <memory>

namespace {

struct processorListener {
  csp::Chan<int> lock;                                    // sync.RWMutex, Lock/Unlock only
  std::shared_ptr<std::deque<int>> pendingNotifications;  // guarded by lock
};

processorListener newProcessListener() {
  processorListener p{csp::chan<int>("p.lock", csp::fixed(1)), std::make_shared<std::deque<int>>()};
  p.lock.offer(1);
  return p;
}

csp::Proc<void> add(processorListener p, int notification) {
  co_await p.lock.take();  // p.lock.Lock()
  p.pendingNotifications->push_back(notification);
  co_await p.lock.put(1);  // defer p.lock.Unlock()
}

csp::Proc<void> pop(processorListener p, csp::Chan<csp::Unit> stopCh, bool fixed) {
  if (!fixed) co_await p.lock.take();  // p.lock.Lock() for the whole loop
  for (;;) {
    if (fixed) co_await p.lock.take();  // blockingGet: p.lock.Lock()
    p.pendingNotifications->pop_front();
    if (fixed) co_await p.lock.put(1);  // blockingGet: defer p.lock.Unlock()
    co_await stopCh.take();             // select { case <-stopCh: return }
    break;
  }
  if (!fixed) co_await p.lock.put(1);  // defer p.lock.Unlock()
}

csp::Proc<void> TestKubernetes26980(realbugs::Flags f) {
  processorListener pl = newProcessListener();
  auto stopCh = csp::chan<csp::Unit>("stopCh");  // only ever closed
  co_await add(pl, 1);
  csp::spawn("pop", [pl, stopCh, f]() -> csp::Proc<void> { co_await pop(pl, stopCh, f.fixed); });

  auto resultCh = csp::chan<csp::Unit>("resultCh");  // only ever closed
  csp::spawn("locker", [pl, resultCh]() -> csp::Proc<void> {
    co_await pl.lock.take();  // pl.lock.Lock()
    resultCh.close();
  });
  co_await resultCh.take();
  co_await pl.lock.put(1);  // pl.lock.Unlock()
  stopCh.close();           // defer close(stopCh)
}

}  // namespace

int main(int argc, char** argv) { return realbugs::run_kernel(argc, argv, TestKubernetes26980); }
