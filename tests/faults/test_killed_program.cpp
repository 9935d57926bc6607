// A traced runtime program killed mid-run (SIGKILL, SIGSEGV, SIGABRT), in both encodings: its
// trace loads; after SIGKILL it is reported truncated and holds everything recorded more than
// the flush bound (100 ms: binary chunks every 20 ms, JSON Lines flushes every 50 ms) before
// the kill; after a fatal signal the crash flush writes everything and an end event saying so.
#include <csptrace/trace_reader.hpp>

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace csptrace;

namespace {

constexpr long kRounds = 2000;

std::string temp(const std::string& name) {
  static std::atomic<int> counter{0};
  return (std::filesystem::temp_directory_path() /
          ("csp-fault-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + name))
      .string();
}

// Starts the program tracing to `file`, waits for "ready" (kRounds round trips recorded), waits
// past the flush bound, sends `sig`, and returns how the program ended.
int run_and_kill(const std::string& file, int sig) {
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    std::string rounds = std::to_string(kRounds);
    execl(FAULT_PROGRAM_EXE, FAULT_PROGRAM_EXE, file.c_str(), rounds.c_str(), nullptr);
    _exit(127);
  }
  close(fds[1]);
  FILE* out = fdopen(fds[0], "r");
  char line[32] = {};
  bool ready = std::fgets(line, sizeof line, out) && std::string(line) == "ready\n";
  std::fclose(out);
  if (ready) std::this_thread::sleep_for(std::chrono::milliseconds(150));
  kill(pid, sig);
  int st = 0;
  waitpid(pid, &st, 0);
  REQUIRE(ready);
  return WIFSIGNALED(st) ? WTERMSIG(st) : -1;
}

size_t transfers_on(const TraceModel& m, const std::string& chan) {
  size_t n = 0;
  for (size_t i = 0; i < m.size(); ++i)
    if (m.kind(i) == EventKind::Transfer && m.channels()[m.chan_index(i)].name == chan) ++n;
  return n;
}

}  // namespace

TEST_CASE("a traced program killed mid-run leaves a trace that loads", "[faults][crash]") {
  auto [ext, sig] = GENERATE(table<std::string, int>({
      {".csptrace", SIGKILL}, {".jsonl", SIGKILL},
      {".csptrace", SIGSEGV}, {".jsonl", SIGSEGV},
      {".csptrace", SIGABRT}, {".jsonl", SIGABRT},
  }));
  CAPTURE(ext, sig);
  const std::string file = temp("killed" + ext);
  REQUIRE(run_and_kill(file, sig) == sig);
  TraceModel m = load_trace(file);
  if (sig == SIGKILL) {
    CHECK_FALSE(m.complete());
    CHECK(m.end_reason() == EndReason::Truncated);
  } else {
    REQUIRE(m.complete());
    CHECK(m.end_reason() == EndReason::Crash);
    const std::string expect = sig == SIGSEGV ? "killed by SIGSEGV" : "killed by SIGABRT";
    CHECK(m.str(m.event(m.size() - 1).message) == expect);
  }
  // Every round trip before "ready" was recorded more than the flush bound before the signal.
  CHECK(transfers_on(m, "ping") >= size_t(kRounds));
  CHECK(transfers_on(m, "pong") >= size_t(kRounds));
  std::filesystem::remove(file);
}
