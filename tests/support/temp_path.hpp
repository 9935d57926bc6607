// Temporary file paths for tests. ctest runs the test cases of one executable as separate
// processes in parallel, and process ids are reused from one run to the next, so a name made of
// the pid alone can meet a file an earlier run left: each test process gets a directory of its
// own, made fresh by mkdtemp(3), and removes it when it exits (only the process that made it:
// a forked child that calls exit() must not remove its parent's files).
#pragma once

#include <stdlib.h>
#include <unistd.h>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace csp_test {

namespace detail {

struct TempDir {
  std::string path;
  pid_t owner = ::getpid();
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "csptest-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("cannot make a temporary directory from " + pattern);
    path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (::getpid() == owner) std::filesystem::remove_all(path, ignored);
  }
};

inline const std::string& temp_dir() {
  static const TempDir dir;
  return dir.path;
}

}  // namespace detail

// A path in this process's own temporary directory, unique within the process; nothing exists
// there yet.
inline std::string temp_path(const std::string& name) {
  static std::atomic<int> counter{0};
  return detail::temp_dir() + "/" + std::to_string(counter++) + "-" + name;
}

}  // namespace csp_test
