// GoKer goker/blocking/kubernetes/25331 (kubernetes PR 25331, the etcd3 watcher's watchChan).
//
// Stop() sends an error to run() and cancels the context. run() receives the error and then
// sends the result on resultChan, which nobody reads once the watcher is stopped: run() waits
// forever on that send. The test returns at once; run() leaks.
// The fix: run() sends the result in a select that also waits for ctx.Done() (only ever
// closed: "user has given up all results"), and no longer cancels the context itself before it.
#include "../realbugs.hpp"

#include <string>

namespace {

struct watchChan {
  csp::Chan<csp::Unit> ctxDone;  // ctx.Done(): only ever closed; cancel() closes it
  csp::Chan<bool> resultChan;
  csp::Chan<std::string> errChan;
  void cancel() const { ctxDone.close(); }
};

csp::Proc<void> Stop(watchChan wc) {
  std::string err = "Error";
  co_await wc.errChan.put(std::move(err));
  wc.cancel();
}

csp::Proc<void> run(watchChan wc, bool fixed) {
  auto r = co_await csp::alts(csp::take(wc.errChan), csp::take(wc.ctxDone));
  if (r.index == 0) {
    bool errResult = !r.get<0>()->empty();
    if (fixed) {
      co_await csp::alts(csp::put(wc.resultChan, errResult), csp::take(wc.ctxDone));
    } else {
      wc.cancel();  // removed in the fix
      co_await wc.resultChan.put(errResult);
    }
  }
}

watchChan NewWatchChan() {
  return watchChan{csp::chan<csp::Unit>("ctx.Done"), csp::chan<bool>("resultChan"),
                   csp::chan<std::string>("errChan")};
}

csp::Proc<void> TestKubernetes25331(realbugs::Flags f) {
  watchChan wc = NewWatchChan();
  csp::spawn("G1 run", [wc, f]() -> csp::Proc<void> { co_await run(wc, f.fixed); });
  csp::spawn("G2 Stop", [wc]() -> csp::Proc<void> { co_await Stop(wc); });
  co_return;
}

}  // namespace

int main(int argc, char** argv) { return realbugs::run_kernel(argc, argv, TestKubernetes25331); }
