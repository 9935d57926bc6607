// In-process exploration speed (issue 18): runs per second of csp::explore on a small correct
// program (a client and a server trading three requests), random and PCT, and of the same
// program run by csp::run with a seed, for the ratio. Prints the median of REPS repetitions
// with the spread. Usage: bench_explore [RUNS=20000] [REPS=5]
#include <csp/csp.hpp>
#include <csp/explore.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

void echo_main() {
  auto req = csp::chan<int>("req"), rep = csp::chan<int>("rep");
  auto server = csp::go("server", [=]() -> csp::Proc<void> {
    while (auto v = co_await req.take()) co_await rep.put(*v + 1);
  });
  for (int i = 0; i < 3; ++i) {
    req.put_blocking(i);
    rep.take_blocking();
  }
  req.close();
  server.take_blocking();
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct Figure {
  double median, min, max;
};

Figure summarize(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v.front(), v.back()};
}

}  // namespace

int main(int argc, char** argv) {
  const uint64_t runs = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 20000;
  const int reps = argc > 2 ? std::atoi(argv[2]) : 5;
  std::vector<double> plain, random, pct;
  for (int r = 0; r < reps; ++r) {  // interleaved: one of each per repetition
    auto t0 = std::chrono::steady_clock::now();
    for (uint64_t i = 0; i < runs; ++i) {
      csp::Options o;
      o.seed = i;
      if (!csp::run(o, echo_main).ok()) return 1;
    }
    plain.push_back(static_cast<double>(runs) / seconds_since(t0));
    for (auto strategy : {csptrace::ExploreStrategy::Random, csptrace::ExploreStrategy::Pct}) {
      csptrace::ExploreOptions o;
      o.strategy = strategy;
      o.max_runs = runs;
      t0 = std::chrono::steady_clock::now();
      const csptrace::ExploreReport rep = csp::explore(o, echo_main);
      const double rate = static_cast<double>(rep.runs) / seconds_since(t0);
      if (!rep.found.empty() || rep.runs != runs) return 1;
      (strategy == csptrace::ExploreStrategy::Random ? random : pct).push_back(rate);
    }
  }
  auto print = [](const char* what, const Figure& f) {
    std::printf("%-34s %9.0f runs/s  (min %.0f, max %.0f)\n", what, f.median, f.min, f.max);
  };
  std::printf("echo program, %llu runs x %d repetitions (median, spread)\n",
              static_cast<unsigned long long>(runs), reps);
  print("csp::run --seed i (no exploration)", summarize(plain));
  print("csp::explore random", summarize(random));
  print("csp::explore pct", summarize(pct));
  return 0;
}
