// Value previews: how a channel's values appear in the trace.
//
// Customization point: specialize csp::Describe<T> with
//   static csp::Preview preview(const T& v);
// Integers (and enums, bool) stay numbers; strings become bounded texts; floating point is
// printed; anything with an operator<< is streamed; everything else shows as "<value>".
// Previews are only computed while tracing is on.
#pragma once

#include <charconv>
#include <concepts>
#include <cstdint>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>

#include <csp/unit.hpp>

namespace csp {

struct Preview {
  enum class Kind : unsigned char { None, Int, Text };
  Kind kind = Kind::None;
  int64_t num = 0;
  std::string text;

  static Preview none() { return {}; }
  static Preview integer(int64_t v) { return {Kind::Int, v, {}}; }
  static Preview of_text(std::string_view s) { return {Kind::Text, 0, std::string(s)}; }
};

// Longest text preview kept in a trace; longer texts are cut and end in "...".
inline constexpr std::size_t kPreviewMaxChars = 64;

namespace detail {
template <class T>
concept Streamable = requires(std::ostream& os, const T& v) {
  os << v;
};
}  // namespace detail

template <class T>
struct Describe {
  // Marks the built-in rules (a specialization does not have it): the runtime previews
  // integers, enums and bool described by them without calling preview().
  using builtin_rules_for = T;

  static Preview preview(const T& v) {
    if constexpr (std::is_same_v<T, bool>) {
      return Preview::integer(v ? 1 : 0);
    } else if constexpr (std::is_integral_v<T>) {
      return Preview::integer(static_cast<int64_t>(v));
    } else if constexpr (std::is_enum_v<T>) {
      return Preview::integer(static_cast<int64_t>(v));
    } else if constexpr (std::is_floating_point_v<T>) {
      char buf[64];
      auto r = std::to_chars(buf, buf + sizeof buf, v);
      return Preview::of_text(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
    } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
      return Preview::of_text(std::string_view(v));
    } else if constexpr (detail::Streamable<T>) {
      std::ostringstream os;
      os << v;
      return Preview::of_text(os.str());
    } else {
      return Preview::of_text("<value>");
    }
  }
};

template <class T>
struct Describe<std::optional<T>> {
  static Preview preview(const std::optional<T>& v) {
    return v ? Describe<T>::preview(*v) : Preview::of_text("none");
  }
};

template <>
struct Describe<Unit> {
  static Preview preview(const Unit&) { return Preview::none(); }
};

// The preview of v through the customization point.
template <class T>
Preview describe(const T& v) {
  return Describe<T>::preview(v);
}

}  // namespace csp
