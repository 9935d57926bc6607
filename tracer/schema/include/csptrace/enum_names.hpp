// Defines what CSPTRACE_DECLARE_ENUM (schema.hpp) declares for an enum built from an X-macro
// list X(Enumerator, "name", "meaning"): to_string(Type) and parse_Type(name). Internal to the
// library; use it in one .cpp per enum, inside namespace csptrace.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#define CSPTRACE_ENUM_NAME(E, name, doc) name,
#define CSPTRACE_DEFINE_ENUM(Type, LIST)                                              \
  namespace {                                                                         \
  constexpr std::array<std::string_view, 0 LIST(CSPTRACE_COUNT_ONE)> k##Type##Names{  \
      LIST(CSPTRACE_ENUM_NAME)};                                                      \
  }                                                                                   \
  std::string_view to_string(Type v) noexcept {                                       \
    auto i = static_cast<size_t>(v);                                                  \
    return i < k##Type##Names.size() ? k##Type##Names[i] : std::string_view("?");     \
  }                                                                                   \
  std::optional<Type> parse_##Type(std::string_view s) noexcept {                     \
    for (size_t i = 0; i < k##Type##Names.size(); ++i)                                \
      if (k##Type##Names[i] == s) return static_cast<Type>(i);                        \
    return std::nullopt;                                                              \
  }
#define CSPTRACE_COUNT_ONE(...) +1
