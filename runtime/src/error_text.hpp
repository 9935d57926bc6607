// The text an exception is reported with (an exit event's message, RunResult::errors).
#pragma once

#include <exception>
#include <string>

namespace csp::detail {

inline std::string error_text(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception& ex) {
    return ex.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

}  // namespace csp::detail
