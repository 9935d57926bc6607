// A value's preview as a trace Value: a number stays a number, a text is interned, cut at
// kPreviewMaxChars (at a UTF-8 character boundary) and marked with "...". One rule for the
// events a run records and for the snapshot a dump writes (state_snapshot.cpp).
#pragma once

#include <csp/describe.hpp>

#include <csptrace/event.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace csp::detail {

// How many bytes of s to keep to keep at most n without cutting a UTF-8 character in two: the
// cut moves back over continuation bytes (10xxxxxx), at most 3 of them (the longest character
// is 4 bytes; text that is not UTF-8 is cut where it is).
inline std::size_t utf8_cut(std::string_view s, std::size_t n) {
  std::size_t cut = n;
  while (cut > 0 && n - cut < 3 && cut < s.size() &&
         (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
    --cut;
  return cut < s.size() && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80 ? n : cut;
}

// `intern(std::string_view) -> StrId`: the string table of the trace being written.
template <class Intern>
csptrace::Value preview_value(const Preview& p, Intern&& intern) {
  switch (p.kind) {
    case Preview::Kind::None: return {};
    case Preview::Kind::Int: return csptrace::Value::integer(p.num);
    case Preview::Kind::Text: {
      if (p.text.size() <= kPreviewMaxChars) return csptrace::Value::text_id(intern(p.text));
      const std::size_t keep = utf8_cut(p.text, kPreviewMaxChars - 3);
      return csptrace::Value::text_id(intern(p.text.substr(0, keep) + "..."));
    }
  }
  return {};
}

}  // namespace csp::detail
