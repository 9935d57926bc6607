// Enumerations defined from an X-macro list X(Enumerator, "name", "meaning"), each with its
// table of names and meanings at compile time. CSPTRACE_ENUM(Type, LIST) is the one way the
// tracer declares such an enumeration (the schema's field enums, process states, finding kinds):
// the enumerators, the table, to_string(Type) and parse_Type(name) all come from the list, so
// the encodings, the reader, the CLI's schema reference and the docs never list values by hand.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace csptrace {

struct EnumEntry {
  std::string_view name;  // as it appears in traces and reports
  std::string_view doc;   // one-line meaning
};

// Specialised by CSPTRACE_ENUM: `static constexpr EnumEntry entries[]`, in enumerator order.
template <class E>
struct EnumTable;

template <class E>
constexpr std::size_t enum_count() noexcept {
  return sizeof(EnumTable<E>::entries) / sizeof(EnumEntry);
}
template <class E>
constexpr std::string_view enum_name(E v) noexcept {
  const auto i = static_cast<std::size_t>(v);
  return i < enum_count<E>() ? EnumTable<E>::entries[i].name : std::string_view("?");
}
template <class E>
constexpr std::string_view enum_doc(E v) noexcept {
  const auto i = static_cast<std::size_t>(v);
  return i < enum_count<E>() ? EnumTable<E>::entries[i].doc : std::string_view("?");
}
template <class E>
constexpr std::optional<E> parse_enum(std::string_view s) noexcept {
  for (std::size_t i = 0; i < enum_count<E>(); ++i)
    if (EnumTable<E>::entries[i].name == s) return static_cast<E>(i);
  return std::nullopt;
}

}  // namespace csptrace

#define CSPTRACE_ENUMERATOR(E, name, doc) E,
#define CSPTRACE_ENUM_ENTRY(E, name, doc) ::csptrace::EnumEntry{name, doc},
// Inside namespace csptrace.
#define CSPTRACE_ENUM(Type, LIST)                                                \
  enum class Type : uint8_t { LIST(CSPTRACE_ENUMERATOR) };                       \
  template <>                                                                    \
  struct EnumTable<Type> {                                                       \
    static constexpr EnumEntry entries[] = {LIST(CSPTRACE_ENUM_ENTRY)};          \
  };                                                                             \
  constexpr std::string_view to_string(Type v) noexcept { return enum_name(v); } \
  constexpr std::optional<Type> parse_##Type(std::string_view s) noexcept {      \
    return parse_enum<Type>(s);                                                  \
  }
