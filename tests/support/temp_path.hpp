// A temporary file path unique to this test process: ctest runs test cases of one executable as
// separate processes in parallel, so fixed names would collide.
#pragma once

#include <unistd.h>
#include <atomic>
#include <filesystem>
#include <string>

namespace csp_test {

inline std::string temp_path(const std::string& name) {
  static std::atomic<int> counter{0};
  return (std::filesystem::temp_directory_path() /
          ("csptest-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + name))
      .string();
}

}  // namespace csp_test
