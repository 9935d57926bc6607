// GoKer goker/blocking/kubernetes/5316 (kubernetes PR 5316, the apiserver's finishRequest).
//
// finishRequest runs fn in a goroutine that reports on one of two unbuffered channels, and
// waits for either report or for a timeout. fn takes longer (2 ms) than the timeout (1 ms): the
// select takes the timeout and returns, and the goroutine waits forever to send its result, a
// value nobody will receive (the timeout-masked leak). The test returns at once; the goroutine
// leaks.
// The fix (marked FIX in the kernel): both channels get a buffer of one, so the late send
// completes.
#include "../realbugs.hpp"

#include <string>

using namespace std::chrono_literals;

namespace {

// fn of the test: returns an error (true) or nil (false).
csp::Proc<bool> fn() {
  co_await csp::timeout(2ms).take();  // time.Sleep(2 * time.Millisecond)
  co_return realbugs::Rand::intn(10) > 5;
}

csp::Proc<void> finishRequest(std::chrono::milliseconds timeout, bool fixed) {
  auto ch = fixed ? csp::chan<bool>("ch", csp::fixed(1)) : csp::chan<bool>("ch");
  auto errCh =
      fixed ? csp::chan<std::string>("errCh", csp::fixed(1)) : csp::chan<std::string>("errCh");
  csp::spawn("G2 fn", [ch, errCh]() -> csp::Proc<void> {
    bool failed = co_await fn();
    if (failed) {
      std::string err = "Error";
      co_await errCh.put(std::move(err));
    } else {
      co_await ch.put(true);
    }
  });
  co_await csp::alts(csp::take(ch), csp::take(errCh), csp::take(csp::timeout(timeout)));
}

csp::Proc<void> TestKubernetes5316(realbugs::Flags f) {
  csp::spawn("G1 finishRequest",
             [f]() -> csp::Proc<void> { co_await finishRequest(1ms, f.fixed); });
  co_return;
}

}  // namespace

int main(int argc, char** argv) { return realbugs::run_kernel(argc, argv, TestKubernetes5316); }
