// Running a command line as a user would, for tests that drive csptrace, the samples or the
// viewer from outside: its exit status, what it wrote to stdout and what to stderr.
#pragma once

#include "temp_path.hpp"

#include <sys/wait.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace csp_test {

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

struct Run {
  int status = -1;  // the exit status; -1 when it died of a signal
  std::string out, err;
};

// Runs a shell command line.
inline Run run(const std::string& command) {
  const std::string o = temp_path("stdout"), e = temp_path("stderr");
  const int st = std::system((command + " >" + o + " 2>" + e).c_str());
  Run r{WIFEXITED(st) ? WEXITSTATUS(st) : -1, slurp(o), slurp(e)};
  std::filesystem::remove(o);
  std::filesystem::remove(e);
  return r;
}

}  // namespace csp_test
