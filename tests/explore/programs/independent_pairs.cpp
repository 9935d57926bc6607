// Three pairs of processes, each pair talking over its own channel: every order of steps of
// different pairs is equivalent. A DFS with partial-order reduction runs few schedules and
// prunes the rest; with --shared all pairs also write to one channel, and more orders matter.
#include <csp/csp.hpp>

#include <cstring>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  bool shared = false;
  for (int i = 1; i < argc; ++i) shared |= std::strcmp(argv[i], "--shared") == 0;
  csp::Options options = csp::Options::from_args(argc, argv);
  csp::RunResult r = csp::run(options, [shared] {
    auto log = csp::chan<int>("log", csp::fixed(16));
    std::vector<csp::Chan<csp::Unit>> ends;  // each process's own result channel
    for (int p = 0; p < 3; ++p) {
      auto c = csp::chan<int>("pair-" + std::to_string(p));
      ends.push_back(csp::go("put-" + std::to_string(p), [=]() -> csp::Proc<void> {
        co_await c.put(p);
        if (shared) co_await log.put(p);
      }));
      ends.push_back(
          csp::go("take-" + std::to_string(p), [=]() -> csp::Proc<void> { co_await c.take(); }));
    }
    for (auto& e : ends) e.take_blocking();
  });
  return r.exit_code();
}
