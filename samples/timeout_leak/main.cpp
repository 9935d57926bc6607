// The classic timeout leak (Go's most common blocking bug): the parent waits for its child's
// answer with a timeout. The child is slower than the timeout, the parent gives up and goes on,
// and nobody will ever take the child's answer: the child waits forever on its unbuffered send.
// (The fix: give `answer` a buffer of 1, as samples/alts_upload does.)
#include <csp/csp.hpp>

#include "../sample_cli.hpp"

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

int main(int argc, char** argv) {
  csp::Options options = samples::options(argc, argv);
  csp::RunResult result = csp::run(options, []() -> csp::Proc<void> {
    auto parent = csp::go("parent", []() -> csp::Proc<void> {
      auto answer = csp::chan<int>("answer");
      csp::go("child", [=]() -> csp::Proc<void> {
        co_await csp::timeout(30ms).take();  // a slow computation
        co_await answer.put(42);             // blocks forever: the parent has gone
      });
      auto r = co_await csp::alts(csp::take(answer), csp::take(csp::timeout(10ms)));
      std::printf(r.index == 0 ? "got the answer\n" : "timed out; going on without it\n");
    });
    co_await parent.take();
    co_await csp::timeout(50ms).take();  // main keeps running long after the child is stuck
    std::printf("main done\n");
  });
  return samples::exit_code(result);
}
