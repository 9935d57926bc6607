// GoKer goker/blocking/grpc/795 (grpc-go PR 795, Server.GracefulStop).
//
// A second GracefulStop() finds the server already draining and, instead of unlocking s.mu,
// locks it again: the test's goroutine waits for a lock it holds itself (double locking), and
// the Serve goroutine, if it has not run yet, waits on the same lock. A global deadlock.
// The fix: that branch unlocks s.mu. (The kernel also leaves out the Unlock at the end of the
// non-draining path, which the real GracefulStop has; the port keeps that Unlock in both
// versions, so that they differ only in the patched line.)
#include "../realbugs.hpp"

#include <memory>

namespace {

struct Server {
  csp::Chan<int> mu;            // sync.Mutex: one token
  std::shared_ptr<bool> drain;  // guarded by mu
};

csp::Proc<void> GracefulStop(Server s, bool fixed) {
  co_await s.mu.take();  // s.mu.Lock()
  if (*s.drain) {
    if (fixed) {
      co_await s.mu.put(1);  // s.mu.Unlock()
    } else {
      co_await s.mu.take();  // s.mu.Lock(): the double lock
    }
    co_return;
  }
  *s.drain = true;
  co_await s.mu.put(1);  // s.mu.Unlock() (see the note above)
}

csp::Proc<void> Serve(Server s) {
  co_await s.mu.take();  // s.mu.Lock()
  co_await s.mu.put(1);  // s.mu.Unlock()
}

Server NewServer() {
  Server s{csp::chan<int>("s.mu", csp::fixed(1)), std::make_shared<bool>(false)};
  s.mu.offer(1);
  return s;
}

csp::Proc<void> testServerGracefulStopIdempotent(bool fixed) {
  Server srv = NewServer();  // te.startServer()
  csp::spawn("Serve", [srv]() -> csp::Proc<void> { co_await Serve(srv); });
  for (int i = 0; i < 3; i++) co_await GracefulStop(srv, fixed);
}

csp::Proc<void> TestGrpc795(realbugs::Flags f) {
  co_await testServerGracefulStopIdempotent(f.fixed);
}

}  // namespace

int main(int argc, char** argv) { return realbugs::run_kernel(argc, argv, TestGrpc795); }
