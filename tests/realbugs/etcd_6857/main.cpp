// GoKer goker/blocking/etcd/6857 (etcd PR 6857, raft node.Status).
//
// Status() sends a reply channel on n.status and waits for run() to answer on it. When Stop()
// gets there first, run() closes n.done and returns, and the later Status() waits forever to
// send on n.status: nobody receives from it any more. The test returns at once; the Status
// goroutine leaks.
// The fix: Status() sends in a select that also waits for n.done (only ever closed), so it
// returns once the node has stopped.
#include "../realbugs.hpp"

namespace {

using Status = int;

struct node {
  csp::Chan<csp::Chan<Status>> status;
  csp::Chan<csp::Unit> stop;
  csp::Chan<csp::Unit> done;  // only ever closed
};

csp::Proc<Status> NodeStatus(node n, bool fixed) {  // func (n *node) Status() Status
  auto c = csp::chan<Status>("c");
  if (fixed) {
    auto r = co_await csp::alts(csp::put(n.status, c), csp::take(n.done));
    if (r.index == 1) co_return Status{};
  } else {
    co_await n.status.put(c);
  }
  co_return (co_await c.take()).value_or(Status{});
}

csp::Proc<void> run(node n) {
  for (;;) {
    auto r = co_await csp::alts(csp::take(n.status), csp::take(n.stop));
    if (r.index == 0) {
      csp::Chan<Status> c = *r.get<0>();
      co_await c.put(Status{});
    } else {
      n.done.close();
      co_return;
    }
  }
}

csp::Proc<void> Stop(node n) {
  auto r = co_await csp::alts(csp::put(n.stop, csp::Unit{}), csp::take(n.done));
  if (r.index == 1) co_return;
  co_await n.done.take();
}

node NewNode() {
  return node{csp::chan<csp::Chan<Status>>("n.status"), csp::chan<csp::Unit>("n.stop"),
              csp::chan<csp::Unit>("n.done")};
}

csp::Proc<void> TestEtcd6857(realbugs::Flags f) {
  node n = NewNode();
  csp::spawn("G1 run", [n]() -> csp::Proc<void> { co_await run(n); });
  csp::spawn("G2 Status", [n, f]() -> csp::Proc<void> { co_await NodeStatus(n, f.fixed); });
  csp::spawn("G3 Stop", [n]() -> csp::Proc<void> { co_await Stop(n); });
  co_return;
}

}  // namespace

int main(int argc, char** argv) { return realbugs::run_kernel(argc, argv, TestEtcd6857); }
