// GoKer goker/blocking/kubernetes/10182 (kubernetes PR 10182, "Fix kubelet deadlock").
//
// The kubelet's status manager: SetPodStatus sends on podStatusChannel while it holds
// podStatusesLock, and the sync loop, after each receive, takes podStatusesLock in
// DeletePodStatus. When one SetPodStatus has been served, a second one can take the lock and
// block on the send while the sync loop blocks on the lock: an AB-BA cycle through a lock and a
// channel (the unlock of the first SetPodStatus hands the token straight to the second, parked on
// Lock). The test returns at once, so both goroutines leak.
// The fix: syncBatch calls DeletePodStatus in a goroutine of its own ("Doing this synchronously
// will lead to a deadlock if the podStatusChannel is full"), so the sync loop keeps receiving.
#include "../realbugs.hpp"

namespace {

struct StatusManager {
  csp::Chan<int> podStatusesLock;    // sync.RWMutex, Lock/Unlock only: one token
  csp::Chan<bool> podStatusChannel;  // unbuffered
};

StatusManager NewStatusManager() {
  StatusManager s{csp::chan<int>("podStatusesLock", csp::fixed(1)),
                  csp::chan<bool>("podStatusChannel")};
  s.podStatusesLock.offer(1);
  return s;
}

csp::Proc<void> DeletePodStatus(StatusManager s) {
  co_await s.podStatusesLock.take();  // s.podStatusesLock.Lock()
  co_await s.podStatusesLock.put(1);  // defer s.podStatusesLock.Unlock()
}

csp::Proc<void> syncBatch(StatusManager s, bool fixed) {
  co_await s.podStatusChannel.take();
  if (fixed) {
    csp::spawn("DeletePodStatus", [s]() -> csp::Proc<void> { co_await DeletePodStatus(s); });
  } else {
    co_await DeletePodStatus(s);
  }
}

csp::Proc<void> Start(StatusManager s, bool fixed) {
  csp::spawn("G1 sync loop", [s, fixed]() -> csp::Proc<void> {
    for (int i = 0; i < 2; i++) co_await syncBatch(s, fixed);
  });
  co_return;
}

csp::Proc<void> SetPodStatus(StatusManager s) {
  co_await s.podStatusesLock.take();  // s.podStatusesLock.Lock()
  co_await s.podStatusChannel.put(true);
  co_await s.podStatusesLock.put(1);  // defer s.podStatusesLock.Unlock()
}

csp::Proc<void> TestKubernetes10182(realbugs::Flags f) {
  StatusManager s = NewStatusManager();
  csp::spawn("Start", [s, f]() -> csp::Proc<void> { co_await Start(s, f.fixed); });
  csp::spawn("G2 SetPodStatus", [s]() -> csp::Proc<void> { co_await SetPodStatus(s); });
  csp::spawn("G3 SetPodStatus", [s]() -> csp::Proc<void> { co_await SetPodStatus(s); });
  co_return;
}

}  // namespace

int main(int argc, char** argv) { return realbugs::run_kernel(argc, argv, TestKubernetes10182); }
