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

}  // namespace csptrace
