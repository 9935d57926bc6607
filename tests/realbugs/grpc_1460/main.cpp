// GoKer goker/blocking/grpc/1460 (grpc-go PR 1460, "transport: Fix deadlock in client
// keepalive").
//
// keepalive() takes t.mu and, with no active stream, waits on awakenKeepalive while holding it;
// NewStream() must take t.mu before it can wake keepalive (a select with a default on the
// unbuffered awakenKeepalive). When keepalive gets the lock first, each waits for the other: an
// AB-BA cycle through a lock and a channel. The test returns at once, so both leak.
// The fix: awakenKeepalive gets a buffer of one, filled at creation; keepalive goes dormant by
// draining it under the lock, unlocks, and only then waits on it; NewStream's non-blocking send
// now succeeds exactly when keepalive is dormant.
#include "../realbugs.hpp"

#include <memory>

namespace {

struct http2Client {
  csp::Chan<int> mu;                     // sync.Mutex: one token
  csp::Chan<csp::Unit> awakenKeepalive;  // unbuffered; fixed: buffer 1, filled
  std::shared_ptr<int> activeStream;     // len(t.activeStream), guarded by mu
};

csp::Proc<void> keepalive(http2Client t, bool fixed) {
  co_await t.mu.take();  // t.mu.Lock()
  if (*t.activeStream < 1) {
    co_await t.awakenKeepalive.take();
    co_await t.mu.put(1);                          // t.mu.Unlock()
    if (fixed) co_await t.awakenKeepalive.take();  // dormant until NewStream wakes it
  } else {
    co_await t.mu.put(1);  // t.mu.Unlock()
  }
}

csp::Proc<void> NewStream(http2Client t) {
  co_await t.mu.take();  // t.mu.Lock()
  *t.activeStream += 1;  // t.activeStream = append(t.activeStream, &Stream{})
  if (*t.activeStream == 1) {
    co_await csp::alts(csp::put(t.awakenKeepalive, csp::Unit{}), csp::otherwise);
  }
  co_await t.mu.put(1);  // t.mu.Unlock()
}

csp::Proc<void> TestGrpc1460(realbugs::Flags f) {
  http2Client client{csp::chan<int>("t.mu", csp::fixed(1)),
                     f.fixed ? csp::chan<csp::Unit>("awakenKeepalive", csp::fixed(1))
                             : csp::chan<csp::Unit>("awakenKeepalive"),
                     std::make_shared<int>(0)};
  client.mu.offer(1);
  if (f.fixed) client.awakenKeepalive.offer(csp::Unit{});  // non-writable until dormant
  csp::spawn("G1 keepalive",
             [client, f]() -> csp::Proc<void> { co_await keepalive(client, f.fixed); });
  csp::spawn("G2 NewStream", [client]() -> csp::Proc<void> { co_await NewStream(client); });
  co_return;
}

}  // namespace

int main(int argc, char** argv) { return realbugs::run_kernel(argc, argv, TestGrpc1460); }
