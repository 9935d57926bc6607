// GoKer goker/blocking/moby/4395 (moby PR 4395, utils.Go).
//
// utils.Go runs f in a goroutine and returns an unbuffered channel on which that goroutine sends
// f's error. A caller that does not wait for the error (here the test, which drops the channel)
// leaves the goroutine waiting forever on its send: a goroutine leak at test exit.
// The fix: the channel gets a buffer of one, so the send completes whether or not anyone
// receives.
#include "../realbugs.hpp"

#include <string>

namespace {

csp::Chan<std::string> Go(std::function<std::string()> f, bool fixed) {
  auto ch = fixed ? csp::chan<std::string>("ch", csp::fixed(1)) : csp::chan<std::string>("ch");
  csp::spawn("G2 ch <- f()", [ch, f]() -> csp::Proc<void> {
    std::string err = f();
    co_await ch.put(std::move(err));
  });
  return ch;
}

csp::Proc<void> TestMoby4395(realbugs::Flags f) {
  Go([] { return std::string("error"); }, f.fixed);  // G1
  co_return;
}

}  // namespace

int main(int argc, char** argv) { return realbugs::run_kernel(argc, argv, TestMoby4395); }
