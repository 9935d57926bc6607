// GoKer goker/blocking/etcd/6873 (etcd PR 6873, grpcproxy watch broadcasts).
//
// stop() takes wbs.mu, closes updatec and waits on donec while still holding wbs.mu. The
// goroutine that closes donec drains updatec and calls coalesce(), which takes wbs.mu: when it
// has received an update before stop() takes the lock, it blocks on the lock and stop() blocks
// on donec, an AB-BA cycle through a lock and a done channel. The test returns at once, so both
// leak.
// The fix: stop() unlocks wbs.mu before it waits on donec.
#include "../realbugs.hpp"

namespace {

struct watchBroadcasts {
  csp::Chan<int> mu;           // sync.Mutex: one token
  csp::Chan<int> updatec;      // chan *watchBroadcast, buffer 1
  csp::Chan<csp::Unit> donec;  // only ever closed
};

csp::Proc<void> coalesce(watchBroadcasts wbs, int /*wb*/) {
  co_await wbs.mu.take();  // wbs.mu.Lock()
  co_await wbs.mu.put(1);  // wbs.mu.Unlock()
}

watchBroadcasts newWatchBroadcasts() {
  watchBroadcasts wbs{csp::chan<int>("wbs.mu", csp::fixed(1)),
                      csp::chan<int>("updatec", csp::fixed(1)), csp::chan<csp::Unit>("donec")};
  wbs.mu.offer(1);
  csp::spawn("G2 coalesce loop", [wbs]() -> csp::Proc<void> {
    while (std::optional<int> wb = co_await wbs.updatec.take()) co_await coalesce(wbs, *wb);
    wbs.donec.close();  // defer close(wbs.donec)
  });
  return wbs;
}

csp::Proc<void> stop(watchBroadcasts wbs, bool fixed) {
  co_await wbs.mu.take();  // wbs.mu.Lock()
  wbs.updatec.close();
  if (fixed) co_await wbs.mu.put(1);  // wbs.mu.Unlock()
  co_await wbs.donec.take();
  if (!fixed) co_await wbs.mu.put(1);  // defer wbs.mu.Unlock()
}

csp::Proc<void> update(watchBroadcasts wbs, int wb) {
  co_await csp::alts(csp::put(wbs.updatec, wb), csp::otherwise);  // select with default
}

csp::Proc<void> TestEtcd6873(realbugs::Flags f) {
  watchBroadcasts wbs = newWatchBroadcasts();  // G1
  co_await update(wbs, 1);
  csp::spawn("G3 stop", [wbs, f]() -> csp::Proc<void> { co_await stop(wbs, f.fixed); });
}

}  // namespace

int main(int argc, char** argv) { return realbugs::run_kernel(argc, argv, TestEtcd6873); }
