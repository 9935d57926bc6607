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

// Decoding a line. On malformed input these throw std::invalid_argument saying what is wrong
// (the reader adds the file and line). Strings are interned into `strings`.
TraceHeader decode_jsonl_header(std::string_view line);
Event decode_jsonl_event(std::string_view line, StringTable& strings);

// Limits that keep a hostile line from costing unbounded time or memory.
inline constexpr size_t kMaxJsonlLineBytes = 1 << 20;
inline constexpr int kMaxJsonNesting = 8;

}  // namespace csptrace
