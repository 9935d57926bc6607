// The JSON Lines reader's fast path: decodes the common line (one flat object of integers,
// plain ASCII strings without escapes, booleans and null) without building a JSON document.
// It accepts exactly what the full decoder would accept and produces the same event; anything
// else (escapes, non-ASCII, floats, nesting, duplicate keys, any error) makes it return false
// and the full decoder (nlohmann) reads the line and words the error.
#pragma once

#include <csptrace/event.hpp>
#include <csptrace/jsonl_codec.hpp>
#include <csptrace/string_table.hpp>

#include <optional>
#include <string_view>
#include <type_traits>

namespace csptrace {

// What a decoder does with a field's value: an integer field's is a number (None); a text
// field's is interned (Intern), or checked to be a text and replaced by the empty text (Skip).
enum class TextUse : uint8_t { None, Intern, Skip };

constexpr TextUse text_use(FieldMask field, FieldMask interned) {
  if (!(field & kInternedTexts)) return TextUse::None;
  return (field & interned) ? TextUse::Intern : TextUse::Skip;
}

// `interned` as decode_jsonl_event's.
bool decode_jsonl_event_fast(std::string_view line, StringTable& strings, FieldMask interned,
                             Event& out);

}  // namespace csptrace
