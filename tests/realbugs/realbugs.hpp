// What every ported GoKer kernel shares: its flags, how its test function runs, and the one
// source of randomness a kernel may use.
//
// A kernel is the body of a Go test function (`func TestX(t *testing.T)`) written as a go
// process, `csp::Proc<void> test(realbugs::Flags)`. Conventions of the ports:
//   - a sync.Mutex is a channel holding one token: Lock() takes it, Unlock() puts it back;
//   - a context's Done() channel, a stop or a done channel that Go only ever closes, is a
//     Chan<csp::Unit> that is only ever closed;
//   - `go f()` is csp::spawn, `select` is csp::alts (`default:` is csp::otherwise),
//     time.After and time.Sleep are csp::timeout.
//
// Flags: --fixed runs the fixed version; --hold keeps main alive for 60 s at the end (a server
// that never exits), so that a trace can be cut while a partial deadlock is in place; the
// runtime's own --seed N, --trace PATH and --workers N are read by csp::Options::from_args.
// Exit status: 0 whether or not the bug manifested (a deadlock is the expected outcome of a
// buggy run, and the runtime has reported and recorded it), 1 if a process failed with an
// exception.
#pragma once

#include <csp/csp.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <random>

namespace realbugs {

using namespace std::chrono_literals;

struct Flags {
  bool fixed = false;  // --fixed: run the fixed version
  bool hold = false;   // --hold: main waits 60 s before it returns
};

inline bool has_flag(int argc, char** argv, const char* name) {
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], name) == 0) return true;
  return false;
}

// After a Go test function returns, goleak.VerifyNone (which GoBench puts at the top of every
// GoKer test) retries until the goroutines the test started have ended or its deadline passes.
// Main does the same with one sleep: long enough for every kernel's goroutines to finish when
// the bug does not manifest (the kernels' own sleeps are at most 2 ms).
inline constexpr auto kLeakCheckWait = 50ms;
// --hold: a server that never exits, for a trace cut mid-run.
inline constexpr auto kHoldWait = 60s;

// rand.Intn(n) of the kernels that draw one. Seeded from --seed under the deterministic
// scheduler (one process runs at a time, so the draws come in the same order: the same run),
// from the system otherwise. The lock is for the pool, where kernels' processes run at once.
class Rand {
 public:
  static void seed(std::uint64_t s) { instance().gen_.seed(s); }
  static int intn(int n) {
    Rand& r = instance();
    std::lock_guard<std::mutex> lock(r.mu_);
    return std::uniform_int_distribution<int>(0, n - 1)(r.gen_);
  }

 private:
  static Rand& instance() {
    static Rand r;
    return r;
  }
  std::mutex mu_;
  std::mt19937_64 gen_{std::random_device{}()};
};

// Runs `test` (the Go test function, as a go process "main"), then the leak check's wait, then,
// with --hold, the 60 s hold. A global deadlock ends the run early; its message is printed.
template <class Test>
int run_kernel(int argc, char** argv, Test test) {
  Flags flags;
  flags.fixed = has_flag(argc, argv, "--fixed");
  flags.hold = has_flag(argc, argv, "--hold");
  csp::Options options = csp::Options::from_args(argc, argv);
  if (options.seed) Rand::seed(*options.seed);
  csp::RunResult result = csp::run(options, [&]() -> csp::Proc<void> {
    co_await test(flags);
    co_await csp::timeout(kLeakCheckWait).take();  // goleak.VerifyNone's retries
    if (flags.hold) co_await csp::timeout(kHoldWait).take();
  });
  if (result.status == csp::RunStatus::Deadlock) std::printf("%s\n", result.message.c_str());
  for (const csp::ProcessError& e : result.errors)
    std::fprintf(stderr, "%s failed: %s\n", e.process.c_str(), e.message.c_str());
  return result.status == csp::RunStatus::Error ? 1 : 0;
}

}  // namespace realbugs
