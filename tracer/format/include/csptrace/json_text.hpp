// JSON values appended to a text as they are written, for exports of millions of events where
// building a document per event (nlohmann's) cost more than everything else. Writes what
// nlohmann::json::dump(-1) writes for the same values (a test holds it to that): strings with
// '"', '\\' and control characters escaped (\b \f \n \r \t, else \u00xx), other bytes as
// they are (UTF-8); texts that are not valid UTF-8 go through valid_utf8 first (the one policy
// of utf8_text.hpp); doubles in nlohmann's notation (positioned from 1e-4 to 1e15, else with
// an exponent) with the shortest digits that read back as the same double, where nlohmann's
// grisu2 sometimes writes one digit more.
#pragma once

#include <csptrace/utf8_text.hpp>

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace csptrace::json_text {

inline void append_escaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

inline void append(std::string& out, std::string_view s) {
  if (is_valid_utf8(s))
    append_escaped(out, s);
  else
    append_escaped(out, valid_utf8(s));
}
inline void append(std::string& out, const char* s) { append(out, std::string_view(s)); }
inline void append(std::string& out, const std::string& s) { append(out, std::string_view(s)); }

inline void append(std::string& out, bool b) { out += b ? "true" : "false"; }

template <class T>
requires(std::is_integral_v<T> && !std::is_same_v<T, bool>) void append(std::string& out, T v) {
  char buf[24];
  out.append(buf, static_cast<size_t>(std::to_chars(buf, buf + sizeof buf, v).ptr - buf));
}

// As nlohmann writes a double: the shortest digits that read back as v, positioned (not with an
// exponent) from 1e-4 up to 1e15, with ".0" when they would read as an integer.
inline void append(std::string& out, double v) {
  char buf[64];
  const double a = v < 0 ? -v : v;
  const bool positioned = a == 0 || (a >= 1e-4 && a < 1e15);
  const auto end =
      std::to_chars(buf, buf + sizeof buf, v,
                    positioned ? std::chars_format::fixed : std::chars_format::scientific)
          .ptr;
  const std::string_view s(buf, static_cast<size_t>(end - buf));
  out += s;
  if (positioned && s.find('.') == std::string_view::npos) out += ".0";
}

}  // namespace csptrace::json_text
