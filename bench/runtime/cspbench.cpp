// cspbench: the peer workloads of ../shared/bench-peers (Go, Boost.Fiber) on the cspscope runtime,
// with the same sizes, checks and result line:
//   workload=<name> ops=<N> ns_per_op=<float> peak_rss_kb=<int>
//
// usage: cspbench [--workers N] [--seed N] [--trace PATH] [-n N] WORKLOAD
// The main task is a go process; the timed region is the same as the peers'.
#include <csp/csp.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Outcome {
  long ops;
  Clock::duration elapsed;
  long peak_rss_kb;
};

long peak_rss_kb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  return -1;
}

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "CHECK FAILED: %s\n", what.c_str());
  std::exit(1);
}

Outcome finish(long ops, Clock::time_point start) {
  auto elapsed = Clock::now() - start;
  return {ops, elapsed, peak_rss_kb()};
}

csp::Proc<Outcome> pingpong(long n) {
  auto start = Clock::now();
  auto ping = csp::chan<long>("ping"), pong = csp::chan<long>("pong");
  csp::go("echo", [=]() -> csp::Proc<void> {
    for (long i = 0; i < n; ++i) co_await pong.put(*co_await ping.take() + 1);
  });
  for (long i = 0; i < n; ++i) {
    co_await ping.put(i);
    if (*co_await pong.take() != i + 1) fail("pingpong got a wrong value");
  }
  co_return finish(n, start);
}

csp::Proc<Outcome> buffered(long n) {
  auto start = Clock::now();
  auto ch = csp::chan<long>("ch", csp::fixed(1024));
  csp::go("producer", [=]() -> csp::Proc<void> {
    for (long i = 0; i < n; ++i) co_await ch.put(i);
  });
  long long sum = 0;
  for (long i = 0; i < n; ++i) sum += *co_await ch.take();
  if (sum != static_cast<long long>(n) * (n - 1) / 2) fail("buffered sum");
  co_return finish(n, start);
}

constexpr int kProducers = 4;

csp::Proc<Outcome> fanin_select(long n) {
  const long per = n / kProducers;
  n = per * kProducers;
  auto start = Clock::now();
  std::array<csp::Chan<long>, kProducers> cs;
  for (int p = 0; p < kProducers; ++p) {
    cs[p] = csp::chan<long>("c" + std::to_string(p));
    csp::go("producer-" + std::to_string(p), [c = cs[p], per]() -> csp::Proc<void> {
      for (long i = 0; i < per; ++i) co_await c.put(i);
    });
  }
  long long sum = 0;
  std::array<long, kProducers> count{};
  for (long i = 0; i < n; ++i) {
    auto r =
        co_await csp::alts(csp::take(cs[0]), csp::take(cs[1]), csp::take(cs[2]), csp::take(cs[3]));
    const std::optional<long>& v = r.index == 0   ? r.get<0>()
                                   : r.index == 1 ? r.get<1>()
                                   : r.index == 2 ? r.get<2>()
                                                  : r.get<3>();
    sum += *v;
    ++count[r.index];
  }
  if (sum != static_cast<long long>(kProducers) * per * (per - 1) / 2) fail("fanin sum");
  for (long c : count)
    if (c != per) fail("fanin: a producer delivered the wrong number of values");
  co_return finish(n, start);
}

csp::Proc<Outcome> fanin_shared(long n) {
  const long per = n / kProducers;
  n = per * kProducers;
  auto start = Clock::now();
  auto ch = csp::chan<long>("shared");
  for (int p = 0; p < kProducers; ++p)
    csp::go("producer-" + std::to_string(p), [=]() -> csp::Proc<void> {
      for (long i = 0; i < per; ++i) co_await ch.put(i);
    });
  long long sum = 0;
  for (long i = 0; i < n; ++i) sum += *co_await ch.take();
  if (sum != static_cast<long long>(kProducers) * per * (per - 1) / 2) fail("fanin_shared sum");
  co_return finish(n, start);
}

csp::Proc<Outcome> pipeline(long m) {
  constexpr int kStages = 100;
  auto start = Clock::now();
  std::vector<csp::Chan<long>> cs;
  for (int k = 0; k <= kStages; ++k) cs.push_back(csp::chan<long>("c" + std::to_string(k)));
  for (int k = 0; k < kStages; ++k)
    csp::go("relay-" + std::to_string(k), [in = cs[k], out = cs[k + 1], m]() -> csp::Proc<void> {
      for (long i = 0; i < m; ++i) co_await out.put(*co_await in.take() + 1);
    });
  csp::go("source", [c = cs[0], m]() -> csp::Proc<void> {
    for (long i = 0; i < m; ++i) co_await c.put(i);
  });
  for (long i = 0; i < m; ++i)
    if (*co_await cs[kStages].take() != i + kStages) fail("pipeline got a wrong value");
  co_return finish(m * kStages, start);
}

csp::Proc<Outcome> sieve(long n) {
  auto start = Clock::now();
  auto ch = csp::chan<long>("numbers");
  csp::go("generator", [=]() -> csp::Proc<void> {
    for (long i = 2;; ++i) co_await ch.put(i);
  });
  long last = 0;
  for (long i = 0; i < n; ++i) {
    long prime = *co_await ch.take();
    last = prime;
    auto out = csp::chan<long>("filtered");
    csp::go("filter", [in = ch, out, prime]() -> csp::Proc<void> {
      for (;;) {
        long v = *co_await in.take();
        if (v % prime != 0) co_await out.put(v);
      }
    });
    ch = out;
  }
  Outcome o = finish(n, start);
  if (n == 2000 && last != 17389) fail("sieve: the 2000th prime is not 17389");
  co_return o;
}

// Go's sync.WaitGroup, for spawn_parked: a count and a way to wake the one waiter.
struct WaitGroup {
  std::atomic<long> left;
  csp::Chan<long> zero = csp::chan<long>("all-started", csp::fixed(1));
  void done() {
    if (left.fetch_sub(1, std::memory_order_acq_rel) == 1) zero.offer(0);
  }
};

csp::Proc<Outcome> spawn_parked(long n) {
  auto start = Clock::now();
  auto block = csp::chan<long>("block");
  // Owned by this frame, which outlives every use: each task calls done() once, before it
  // parks, and the last call wakes this process.
  WaitGroup started{n};
  for (long i = 0; i < n; ++i)
    // spawn, not go, and Go's captures: like Go's goroutines these have no result channel.
    csp::spawn("parked", [wg = &started, block]() -> csp::Proc<void> {
      wg->done();
      co_await block.take();
    });
  co_await started.zero.take();
  auto elapsed = Clock::now() - start;
  co_await csp::timeout(std::chrono::milliseconds(50)).take();  // stragglers park (not timed)
  co_return Outcome{n, elapsed, peak_rss_kb()};
}

struct Workload {
  csp::Proc<Outcome> (*run)(long);
  long standard_size;
  // Go and Boost.Fiber queue any number of blocked receivers on one channel; the runtime's
  // core.async-style cap (Options::max_pending) is lifted where the workload needs that.
  bool unlimited_pending = false;
};

const std::map<std::string, Workload> kWorkloads = {
    {"pingpong", {pingpong, 1'000'000}},
    {"buffered", {buffered, 10'000'000}},
    {"fanin_select", {fanin_select, 2'000'000}},
    {"fanin_shared", {fanin_shared, 2'000'000}},
    {"pipeline", {pipeline, 100'000}},
    {"sieve", {sieve, 2000}},
    {"spawn_parked", {spawn_parked, 1'000'000, true}},
};

int usage() {
  std::fprintf(stderr,
               "usage: cspbench [--workers N] [--seed N] [--trace PATH] [-n N] WORKLOAD\n"
               "workloads: pingpong buffered fanin_select fanin_shared pipeline sieve "
               "spawn_parked\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  long size = 0;
  std::string name;
  std::vector<char*> runtime_args = {argv[0]};
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "-n") && i + 1 < argc)
      size = std::strtol(argv[++i], nullptr, 10);
    else if (argv[i][0] == '-' && i + 1 < argc) {
      runtime_args.push_back(argv[i]);
      runtime_args.push_back(argv[++i]);
    } else if (argv[i][0] != '-' && name.empty())
      name = argv[i];
    else
      return usage();
  }
  auto w = kWorkloads.find(name);
  if (w == kWorkloads.end()) return usage();
  if (size <= 0) size = w->second.standard_size;
  csp::Options options =
      csp::Options::from_args(static_cast<int>(runtime_args.size()), runtime_args.data());
  if (options.seed)
    std::printf("# runtime=cspscope scheduler=deterministic seed=%llu\n",
                static_cast<unsigned long long>(*options.seed));
  else
    std::printf("# runtime=cspscope scheduler=pool workers=%u\n", options.workers);
  std::fflush(stdout);
  if (w->second.unlimited_pending) options.max_pending = static_cast<std::size_t>(size) + 1;
  Outcome outcome{};
  auto run = w->second.run;
  csp::RunResult result =
      csp::run(options, [&]() -> csp::Proc<void> { outcome = co_await run(size); });
  if (outcome.ops == 0) {
    std::fprintf(stderr, "cspbench: the run did not finish: %s\n", result.message.c_str());
    return 1;
  }
  if (!result.errors.empty()) {  // a process that failed did not do its part of the workload
    std::fprintf(stderr, "cspbench: %zu processes failed; the first, '%s': %s\n",
                 result.errors.size(), result.errors[0].process.c_str(),
                 result.errors[0].message.c_str());
    return 1;
  }
  double ns = std::chrono::duration<double, std::nano>(outcome.elapsed).count();
  std::printf("workload=%s ops=%ld ns_per_op=%.2f peak_rss_kb=%ld\n", name.c_str(), outcome.ops,
              ns / double(outcome.ops), outcome.peak_rss_kb);
  std::fflush(stdout);
  std::_Exit(0);  // like the peers: exit with tasks still parked, no teardown
}
