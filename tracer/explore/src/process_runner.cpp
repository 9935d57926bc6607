#include <csptrace/process_runner.hpp>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace csptrace {

namespace {

using Clock = std::chrono::steady_clock;

// The environment of a run: ours without CSP_SCHEDULE / CSP_TRACE / CSP_TRACE_CLOCK, then the
// run's.
std::vector<std::string> environment_for(const RunRequest& r) {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    if (std::strncmp(*e, "CSP_SCHEDULE=", 13) == 0 || std::strncmp(*e, "CSP_TRACE=", 10) == 0 ||
        std::strncmp(*e, "CSP_TRACE_CLOCK=", 16) == 0)
      continue;
    env.emplace_back(*e);
  }
  env.push_back("CSP_SCHEDULE=" + r.schedule);
  env.push_back("CSP_TRACE=" + r.trace_path);
  env.push_back("CSP_TRACE_CLOCK=monotonic");  // no clock calibration: runs start 5 ms sooner
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& v) {
  std::vector<char*> p;
  for (std::string& s : v) p.push_back(s.data());
  p.push_back(nullptr);
  return p;
}

std::string tail_of(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string s = ss.str();
  if (s.size() > max_bytes) s = "..." + s.substr(s.size() - max_bytes);
  return s;
}

struct Running {
  pid_t pid = 0;
  size_t index = 0;
  Clock::time_point started;
  std::string output_path;
};

}  // namespace

ProcessRunner::ProcessRunner(std::vector<std::string> argv, std::chrono::milliseconds run_timeout)
    : argv_(std::move(argv)), timeout_(run_timeout) {
  if (argv_.empty()) throw std::invalid_argument("no program to run");
  const std::string& prog = argv_[0];
  if (prog.find('/') != std::string::npos && access(prog.c_str(), X_OK) != 0)
    throw std::invalid_argument(prog + ": " + std::strerror(errno) + " (not an executable)");
}

std::vector<RunExit> ProcessRunner::run(const std::vector<RunRequest>& requests, unsigned jobs) {
  std::vector<RunExit> exits(requests.size());
  std::vector<Running> running;
  size_t next = 0;
  if (jobs == 0) jobs = 1;
  auto start_one = [&](size_t i) {
    const RunRequest& r = requests[i];
    std::remove(r.trace_path.c_str());
    Running run;
    run.index = i;
    run.output_path = r.trace_path + ".out";
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, run.output_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attr, 0);
    std::vector<std::string> args = argv_, env = environment_for(r);
    std::vector<char*> argp = pointers(args), envp = pointers(env);
    const int rc = posix_spawnp(&run.pid, argv_[0].c_str(), &fa, &attr, argp.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) throw std::invalid_argument(argv_[0] + ": cannot run it: " + std::strerror(rc));
    run.started = Clock::now();
    running.push_back(run);
  };
  auto finish = [&](const Running& run, int status, bool timed_out) {
    RunExit& e = exits[run.index];
    e.timed_out = timed_out;
    if (WIFEXITED(status)) e.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status) && !timed_out) e.signal = WTERMSIG(status);
    e.seconds = std::chrono::duration<double>(Clock::now() - run.started).count();
    e.output = tail_of(run.output_path, 4096);
    std::remove(run.output_path.c_str());
  };
  auto pause = std::chrono::microseconds(20);
  while (next < requests.size() || !running.empty()) {
    while (running.size() < jobs && next < requests.size()) start_one(next++);
    bool reaped = false;
    for (size_t k = 0; k < running.size();) {
      int status = 0;
      const pid_t got = waitpid(running[k].pid, &status, WNOHANG);
      bool timed_out = false;
      if (got == 0 && Clock::now() - running[k].started > timeout_) {
        kill(-running[k].pid, SIGKILL);
        waitpid(running[k].pid, &status, 0);
        timed_out = true;
      } else if (got == 0) {
        ++k;
        continue;
      }
      finish(running[k], status, timed_out);
      running.erase(running.begin() + static_cast<std::ptrdiff_t>(k));
      reaped = true;
    }
    if (reaped) {
      pause = std::chrono::microseconds(20);
    } else if (!running.empty()) {
      std::this_thread::sleep_for(pause);  // short runs are reaped fast, long ones cost no CPU
      pause = std::min(pause * 2, std::chrono::microseconds(5000));
    }
  }
  return exits;
}

}  // namespace csptrace
