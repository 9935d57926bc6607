// csp::SourceLocation: the line of a channel operation, a spawn or an alt, taken at the caller
// as a defaulted argument (SourceLocation::current()), for the trace and for error messages.
//
// It is std::source_location where the standard library provides it. Clang before 15 cannot
// build libstdc++'s <source_location> (it lacks __builtin_source_location), so there it is a
// small class of the same interface over the __builtin_FILE / LINE / COLUMN / FUNCTION that
// both compilers have. The two are different types, so a program and an installed cspscope
// built by compilers that disagree fail to link instead of misreading each other.
#pragma once

#include <version>
#if defined(__cpp_lib_source_location)
#include <source_location>
#endif

#include <cstdint>

namespace csp {

#if defined(__cpp_lib_source_location)
using SourceLocation = std::source_location;
#else
class SourceLocation {
 public:
  static constexpr SourceLocation current(
      const char* file = __builtin_FILE(), const char* function = __builtin_FUNCTION(),
      std::uint_least32_t line = __builtin_LINE(),
      std::uint_least32_t column = __builtin_COLUMN()) noexcept {
    SourceLocation l;
    l.file_ = file;
    l.function_ = function;
    l.line_ = line;
    l.column_ = column;
    return l;
  }
  constexpr SourceLocation() noexcept = default;
  constexpr std::uint_least32_t line() const noexcept { return line_; }
  constexpr std::uint_least32_t column() const noexcept { return column_; }
  constexpr const char* file_name() const noexcept { return file_; }
  constexpr const char* function_name() const noexcept { return function_; }

 private:
  const char* file_ = "";
  const char* function_ = "";
  std::uint_least32_t line_ = 0;
  std::uint_least32_t column_ = 0;
};
#endif

}  // namespace csp
