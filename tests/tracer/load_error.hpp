// What loading a file says: the TraceError message, or "accepted" when the file loads.
#pragma once

#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <string>

namespace csp_test {

inline std::string load_error(const std::string& path) {
  try {
    (void)csptrace::load_trace(path);
  } catch (const csptrace::TraceError& ex) {
    return ex.what();
  }
  return "accepted";
}

}  // namespace csp_test
