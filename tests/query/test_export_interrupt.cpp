// A long `csptrace export --format sqlite` shows a progress line, and Ctrl-C stops it cleanly
// (issue 26: "progress on every step that can take more than a second, with cancel, in the
// CLI"): exit 130, a message, and neither OUT nor a temporary left behind.
#include "query_harness.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

using namespace query_test;

namespace {

// Starts CSPTRACE_EXE with args, its stderr into err_file, its stdout discarded.
pid_t start_csptrace(const std::vector<std::string>& args, const std::string& err_file) {
  std::vector<const char*> argv{CSPTRACE_EXE};
  for (const auto& a : args) argv.push_back(a.c_str());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int null = ::open("/dev/null", O_WRONLY);
    dup2(err, 2);
    dup2(null, 1);
    ::setenv("CSPTRACE_PROGRESS", "1", 1);
    execv(CSPTRACE_EXE, const_cast<char* const*>(argv.data()));
    _exit(127);
  }
  return pid;
}

}  // namespace

TEST_CASE(
    "export --format sqlite: a progress line after a second, and SIGINT stops it with exit 130 "
    "and no file left (issue 26)",
    "[query][export]") {
  // About 1.6 M events: an export of a few seconds on this machine.
  const std::string trace = temp_path("big-pool.csptrace");
  REQUIRE(run(std::string(WORKER_POOL_EXE) + " --seed 7 --jobs 200000 --trace " + trace).status ==
          0);
  const std::string out = temp_path("interrupted.db"), err = temp_path("interrupted.err");
  const pid_t pid = start_csptrace({"export", "--format", "sqlite", trace, "-o", out}, err);
  // The line is drawn once the export has run for a second.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (slurp(err).find("csptrace: building " + out) == std::string::npos) {
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    REQUIRE(waitpid(pid, nullptr, WNOHANG) == 0);  // still running
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const auto signalled = std::chrono::steady_clock::now();
  REQUIRE(kill(pid, SIGINT) == 0);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  const double stop_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - signalled).count();
  INFO(slurp(err));
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK(slurp(err).find("csptrace export: the database build was interrupted; nothing was "
                        "exported") != std::string::npos);
  CHECK(stop_s < 10);  // it stops at the next poll, not after the export
  CHECK(!std::filesystem::exists(out));
  // Neither the database nor the side files of the second thread (OUT.partial-PID-side-*).
  const std::string partial = std::filesystem::path(out).filename().string() + ".partial-";
  for (const auto& f :
       std::filesystem::directory_iterator(std::filesystem::path(out).parent_path()))
    CHECK(f.path().filename().string().rfind(partial, 0) == std::string::npos);
  std::filesystem::remove(trace);
  std::filesystem::remove(err);
}

TEST_CASE("a short export prints no progress line, even when asked for one (issue 26)",
          "[query][export]") {
  const std::string out = temp_path("short.db");
  const Run r =
      run("CSPTRACE_PROGRESS=1 " + std::string(CSPTRACE_EXE) + " export --format sqlite " +
          std::string(CSP_FIXTURES) + "/hotdog.jsonl -o " + out);
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  std::filesystem::remove(out);
}
