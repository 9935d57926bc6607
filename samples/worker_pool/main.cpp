// Fan-out / fan-in: a dispatcher sends jobs on one channel to N workers; the workers send their
// results on one channel to a collector. Shutdown is by close: the dispatcher closes `jobs` when
// it has sent everything, each worker ends when `jobs` is closed and drained, and the last
// worker to finish closes `results`.
#include <csp/csp.hpp>

#include "../sample_cli.hpp"

#include <atomic>
#include <cstdio>
#include <memory>
#include <string>

int main(int argc, char** argv) {
  const long workers = samples::int_flag(argc, argv, "--workers-n", 3);
  const long job_count = samples::int_flag(argc, argv, "--jobs", 12);
  csp::Options options = samples::options(argc, argv, {"--jobs", "--workers-n"});
  csp::RunResult result = csp::run(options, [=]() -> csp::Proc<void> {
    auto jobs = csp::chan<long>("jobs");
    auto results = csp::chan<long>("results", csp::fixed(4));
    auto running = std::make_shared<std::atomic<long>>(workers);
    csp::go("dispatcher", [=]() -> csp::Proc<void> {
      for (long j = 1; j <= job_count; ++j) co_await jobs.put(j);
      jobs.close();
    });
    for (long w = 0; w < workers; ++w)
      csp::go("worker-" + std::to_string(w), [=]() -> csp::Proc<void> {
        while (auto j = co_await jobs.take()) co_await results.put(*j * *j);
        if (running->fetch_sub(1) == 1) results.close();  // the last worker out closes
      });
    long sum = 0, count = 0;
    while (auto r = co_await results.take()) {
      sum += *r;
      ++count;
    }
    std::printf("%ld results, sum of squares 1..%ld = %ld\n", count, job_count, sum);
  });
  return samples::exit_code(result);
}
