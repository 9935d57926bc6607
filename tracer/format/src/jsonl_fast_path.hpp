// The JSON Lines reader's fast path: decodes the common line (one flat object of integers,
// plain ASCII strings without escapes, booleans and null) without building a JSON document.
// It accepts exactly what the full decoder would accept and produces the same event; anything
// else (escapes, non-ASCII, floats, nesting, duplicate keys, any error) makes it return false
// and the full decoder (nlohmann) reads the line and words the error.
#pragma once

#include <csptrace/event.hpp>
#include <csptrace/string_table.hpp>

#include <optional>
#include <string_view>
#include <type_traits>

namespace csptrace {

bool decode_jsonl_event_fast(std::string_view line, StringTable& strings, Event& out);

// The enum of type E named `name` (names from schema.hpp).
template <class E>
  requires std::is_enum_v<E>
std::optional<E> parse_enum(std::string_view name) {
  if constexpr (std::is_same_v<E, ProcMode>) return parse_ProcMode(name);
  else if constexpr (std::is_same_v<E, BufferKind>) return parse_BufferKind(name);
  else if constexpr (std::is_same_v<E, WaitOp>) return parse_WaitOp(name);
  else if constexpr (std::is_same_v<E, Via>) return parse_Via(name);
  else if constexpr (std::is_same_v<E, AltRule>) return parse_AltRule(name);
  else if constexpr (std::is_same_v<E, ExitStatus>) return parse_ExitStatus(name);
  else if constexpr (std::is_same_v<E, EndReason>) return parse_EndReason(name);
  else static_assert(!sizeof(E), "an enum without a parse function");
}

}  // namespace csptrace
