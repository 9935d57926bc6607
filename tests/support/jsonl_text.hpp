// A JSON Lines trace written event by event for a test: the header, then each event's body
// (`"kind":"park","proc":2,...`) numbered with seq = t = 1, 2, ... It is not checked here: the
// reader under test checks it.
#pragma once

#include "temp_path.hpp"

#include <cstdint>
#include <fstream>
#include <string>

namespace csp_test {

class JsonlText {
 public:
  explicit JsonlText(const std::string& program = "test")
      : text_(R"({"kind":"header","format":"cspscope-trace","version":1,"program":")" + program +
              R"(","scheduler":"deterministic","seed":1,"clock":"steady_ns","start_unix_ns":0})"
              "\n") {}

  void ev(const std::string& body) {
    ++seq_;
    text_ += R"({"seq":)" + std::to_string(seq_) + R"(,"t":)" + std::to_string(seq_) + "," + body +
             "}\n";
  }
  // Writes the trace to a fresh temporary file (temp_path) and returns its path.
  std::string write(const std::string& name) const {
    const std::string path = temp_path(name);
    std::ofstream(path) << text_;
    return path;
  }

 private:
  std::string text_;
  uint64_t seq_ = 0;
};

}  // namespace csp_test
