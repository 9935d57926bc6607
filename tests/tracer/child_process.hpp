// A helper program run in a child process whose stdout the test reads: the crash and fault
// tests start a recording program, wait for its "ready" line, then kill it.
#pragma once

#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>
#include <cstdio>
#include <string>
#include <vector>

namespace csp_test {

struct ChildProcess {
  pid_t pid;
  FILE* out;  // the child's stdout
};

// Runs exe with args (argv[0] is exe itself).
inline ChildProcess start_child(const std::string& exe, const std::vector<std::string>& args) {
  std::vector<const char*> argv{exe.c_str()};
  for (const auto& a : args) argv.push_back(a.c_str());
  argv.push_back(nullptr);
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(fds[1], 1);
    close(fds[0]);
    execv(exe.c_str(), const_cast<char* const*>(argv.data()));
    _exit(127);
  }
  close(fds[1]);
  return {pid, fdopen(fds[0], "r")};
}

// True when the child's first line is "ready"; closes the pipe.
inline bool wait_ready(ChildProcess& c) {
  char line[32] = {};
  bool ok = std::fgets(line, sizeof line, c.out) && std::string(line) == "ready\n";
  std::fclose(c.out);
  return ok;
}

// Waits for the child to end; the signal that ended it, or -1 when it exited.
inline int wait_signal(pid_t pid) {
  int st = 0;
  waitpid(pid, &st, 0);
  return WIFSIGNALED(st) ? WTERMSIG(st) : -1;
}

}  // namespace csp_test
