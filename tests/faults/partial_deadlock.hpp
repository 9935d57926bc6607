// Helpers of the tests that drive partial_deadlock_program.cpp (test_dump.cpp,
// test_flight_recorder.cpp).
#pragma once

#include "run_command.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

namespace csp_test {

// "partial_deadlock_program.cpp:LINE" of the line whose comment holds `marker`.
inline std::string line_of(const std::string& marker) {
  std::ifstream in(PARTIAL_DEADLOCK_SOURCE);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find("// " + marker) != std::string::npos)
      return "partial_deadlock_program.cpp:" + std::to_string(n);
  FAIL("no marker " << marker);
  return {};
}

inline bool wait_for_file(const std::string& path, std::chrono::milliseconds patience) {
  const auto until = std::chrono::steady_clock::now() + patience;
  while (!std::filesystem::exists(path)) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

inline Run run_csptrace(const std::string& args) {
  return run(std::string(CSPTRACE_EXE) + " " + args);
}

}  // namespace csp_test
