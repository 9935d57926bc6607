#include "loadable_traces.hpp"

#include <csptrace/trace_reader.hpp>

#include <algorithm>
#include <exception>
#include <filesystem>

namespace csptrace::testing {

std::vector<std::string> loadable_traces() {
  std::vector<std::string> out;
  const std::string fixtures = CSP_FIXTURES, corpus = fixtures + "/../fuzz/corpus";
  for (const std::string& dir :
       {fixtures, corpus + "/binary_reader", corpus + "/jsonl_reader", corpus + "/verbs"})
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.path().extension() != ".jsonl" && e.path().extension() != ".csptrace") continue;
      try {
        if (dir != fixtures) load_trace(e.path().string());
        out.push_back(e.path().string());
      } catch (const std::exception&) {
      }
    }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace csptrace::testing
