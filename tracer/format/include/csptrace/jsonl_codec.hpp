// JSON Lines encoding of one header or event (one line each, without the newline).
// Keys and enum names come from schema.hpp; see docs/trace-format.md.
#pragma once

#include <csptrace/event.hpp>
#include <csptrace/string_table.hpp>

#include <string>
#include <string_view>

namespace csptrace {

std::string encode_jsonl_header(const TraceHeader& h);
std::string encode_jsonl_event(const Event& e, const StringTable& strings);

// The fields whose texts an event's decoding interns: the text fields and a text value.
inline constexpr FieldMask kInternedTexts = kTextFields | f::value;

// Decoding a line. On malformed input these throw std::invalid_argument saying what is wrong
// (the reader adds the file and line). The texts of the fields in `interned` are interned into
// `strings`; a text field outside it is checked as always but holds the empty text (a pass that
// needs only names: LoadOptions::names_only), so that its text costs no memory or hashing.
TraceHeader decode_jsonl_header(std::string_view line);
Event decode_jsonl_event(std::string_view line, StringTable& strings,
                         FieldMask interned = kInternedTexts);

// Limits that keep a hostile line from costing unbounded time or memory.
inline constexpr size_t kMaxJsonlLineBytes = 1 << 20;
inline constexpr int kMaxJsonNesting = 8;

}  // namespace csptrace
