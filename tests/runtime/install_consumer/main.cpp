// A tiny CSP program: ping-pong between main and a go process, traced with CSP_TRACE.
#include <csp/csp.hpp>

#include <iostream>

int main(int argc, char** argv) {
  csp::Options opt = csp::Options::from_args(argc, argv);
  csp::RunResult r = csp::run(opt, [] {
    auto ping = csp::chan<int>("ping");
    auto pong = csp::chan<int>("pong");
    csp::go("ponger", [=]() -> csp::Proc<void> {
      while (auto v = co_await ping.take()) co_await pong.put(*v + 1);
    });
    int v = 0;
    for (int i = 0; i < 3; ++i) {
      ping.put_blocking(v);
      v = *pong.take_blocking();
    }
    ping.close();
    std::cout << "consumer: " << v << "\n";
  });
  return r.exit_code();
}
