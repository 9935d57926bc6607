// Faults inside a run: a process that throws, a channel closed under many waiters, and 100 000
// processes parked at once. Each run is traced, and the trace is loaded back and checked.
#include <csp/csp.hpp>

#include <csptrace/analysis.hpp>
#include <csptrace/replay.hpp>
#include <csptrace/trace_reader.hpp>

#include "temp_path.hpp"

#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using csptrace::EventKind;

namespace {

std::string temp(const std::string& name) { return csp_test::temp_path(name); }

csp::Options traced(const std::string& path, uint64_t seed) {
  csp::Options opt;
  opt.seed = seed;
  opt.trace_path = path;
  opt.program = "faults";
  return opt;
}

// `csptrace VERB FILE`: its exit status and what it printed (stdout and stderr).
std::pair<int, std::string> csptrace_cli(const std::string& verb, const std::string& file) {
  std::string cmd = std::string(CSPTRACE_EXE) + " " + verb + " '" + file + "' 2>&1";
  std::string out;
  FILE* f = ::popen(cmd.c_str(), "r");
  REQUIRE(f);
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  int st = ::pclose(f);
  return {WIFEXITED(st) ? WEXITSTATUS(st) : -1, out};
}

long max_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace

TEST_CASE("a process that throws: its exit carries the message, the run reports it", "[faults]") {
  const std::string path = temp("throws.jsonl");
  csp::RunResult r = csp::run(traced(path, 3), [] {
    auto c = csp::chan<int>("work");
    auto result = csp::go("worker", [=]() -> csp::Proc<int> {
      int v = (co_await c.take()).value_or(0);
      if (v == 2) throw std::runtime_error("worker cannot handle 2");
      co_return v;
    });
    c.put_blocking(2);
    // The result channel of a process that threw closes without a value.
    CHECK_FALSE(result.take_blocking().has_value());
  });
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].process == "worker");
  CHECK(r.errors[0].message == "worker cannot handle 2");
  CHECK(r.status == csp::RunStatus::Error);
  CHECK_THAT(r.message, Catch::Contains("worker cannot handle 2"));

  csptrace::TraceModel m = csptrace::load_trace(path);
  size_t exits_with_error = 0;
  for (size_t i = 0; i < m.size(); ++i) {
    if (m.kind(i) != EventKind::Exit) continue;
    csptrace::Event e = m.event(i);
    if (e.status != csptrace::ExitStatus::Error) continue;
    ++exits_with_error;
    CHECK(m.str(m.processes()[m.proc_index(i)].name) == "worker");
    CHECK(m.str(e.message) == "worker cannot handle 2");
  }
  CHECK(exits_with_error == 1);

  auto [status, out] = csptrace_cli("check", path);
  CAPTURE(out);
  CHECK(status != 2);  // the file was read and checked
  CHECK_FALSE(out.empty());
  auto [vstatus, vout] = csptrace_cli("validate", path);
  CAPTURE(vout);
  CHECK(vstatus == 0);
}

TEST_CASE("a channel closed while many processes wait on it", "[faults]") {
  constexpr int kWaiters = 1000;  // within the default pending limit (1024) of each channel
  const std::string path = temp("close-many.csptrace");
  std::atomic<int> got_nothing{0}, puts_accepted{0};
  std::vector<long> taken;
  csp::RunResult r = csp::run(traced(path, 11), [&] {
    auto takers_on = csp::chan<int>("drained");
    auto putters_on = csp::chan<int>("crowded");
    std::vector<csp::Chan<csp::Unit>> done;
    for (int i = 0; i < kWaiters; ++i) {
      done.push_back(csp::go("taker", [=, &got_nothing]() -> csp::Proc<void> {
        if (!(co_await takers_on.take())) ++got_nothing;
      }));
      done.push_back(csp::go("putter", [=, &puts_accepted]() -> csp::Proc<void> {
        if (co_await putters_on.put(i)) ++puts_accepted;
      }));
    }
    // Virtual time passes only when every process waits: all of them are parked by now.
    (void)csp::timeout(10ms).take_blocking();
    takers_on.close();
    putters_on.close();
    // Parked puts stay takeable after the close; then the channel is empty and closed.
    for (int i = 0; i < kWaiters; ++i) {
      auto v = putters_on.take_blocking();
      REQUIRE(v.has_value());
      taken.push_back(*v);
    }
    CHECK_FALSE(putters_on.take_blocking().has_value());
    for (auto& d : done) (void)d.take_blocking();
  });
  REQUIRE(r.ok());
  CHECK(got_nothing == kWaiters);
  CHECK(puts_accepted == kWaiters);
  CHECK(taken.size() == size_t(kWaiters));

  csptrace::TraceModel m = csptrace::load_trace(path);
  CHECK(m.complete());
  CHECK(m.end_reason() == csptrace::EndReason::Normal);
  csptrace::Replay replay(m);
  for (const auto& f : csptrace::analyze(replay)) CHECK(f.severity != csptrace::Severity::Error);
  auto [vstatus, vout] = csptrace_cli("validate", path);
  CAPTURE(vout);
  CHECK(vstatus == 0);
}

namespace {

constexpr int kParked = 100000;

// kParked go processes and main all wait to take, spread over 100 channels (1000 takers each,
// within the default pending limit): nothing can ever move.
csp::RunResult park_everyone(const std::string& path) {
  return csp::run(traced(path, 5), [] {
    std::vector<csp::Chan<int>> chans;
    for (int c = 0; c < 100; ++c) chans.push_back(csp::chan<int>("quiet"));
    for (int i = 0; i < kParked; ++i) {
      auto ch = chans[size_t(i % 100)];
      (void)csp::go("sleeper", [ch]() -> csp::Proc<void> { (void)co_await ch.take(); });
    }
    (void)chans[0].take_blocking();
  });
}

}  // namespace

TEST_CASE("100 000 processes parked at once: bounded memory, the deadlock is reported",
          "[faults]") {
  constexpr int kProcs = kParked;
  const std::string path = temp("parked.csptrace");
  const long rss_before = max_rss_kb();
  csp::RunResult r = park_everyone(path);
  const long rss_growth_kb = max_rss_kb() - rss_before;
  CHECK(r.status == csp::RunStatus::Deadlock);
  CHECK(r.stuck.size() == size_t(kProcs) + 1);
  // Peak memory of the run: a parked process costs a few hundred bytes (coroutine frame, process
  // record, its share of the trace); 4 KB each is a generous bound that still catches a leak of
  // a stack or a buffer per process.
  // ThreadSanitizer's shadow memory multiplies an application's memory by 5 to 8.
#if defined(__SANITIZE_THREAD__)
  constexpr long kSanitizerFactor = 8;
#else
  constexpr long kSanitizerFactor = 1;
#endif
  CAPTURE(rss_growth_kb);
  CHECK(rss_growth_kb * 1024 < long(kProcs) * 4096 * kSanitizerFactor);

  csptrace::TraceModel m = csptrace::load_trace(path);
  REQUIRE(m.complete());
  CHECK(m.end_reason() == csptrace::EndReason::Deadlock);
  size_t stuck = 0;
  for (size_t i = 0; i < m.size(); ++i) stuck += m.kind(i) == EventKind::Stuck;
  CHECK(stuck == size_t(kProcs) + 1);
}

// RunResult::message names the first few stuck processes; the full list stays in
// RunResult::stuck and the trace.
TEST_CASE("the deadlock message stays readable however many processes are stuck", "[faults]") {
  csp::RunResult r = park_everyone(temp("parked-message.csptrace"));
  REQUIRE(r.status == csp::RunStatus::Deadlock);
  CAPTURE(r.message.size());
  CHECK(r.message.size() < 64 * 1024);
  CHECK(r.stuck.size() == size_t(kParked) + 1);
  CHECK(r.message.find("more (RunResult::stuck") != std::string::npos);
}
