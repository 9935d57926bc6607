// The type-erased operations a channel needs on its values. The channel machinery is written
// once, in runtime/src, over `void*` slots; Chan<T> hands it the table for T.
#pragma once

#include <csp/describe.hpp>

#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <type_traits>
#include <utility>

namespace csp::detail {

struct ValueOps {
  std::size_t size;
  std::size_t align;
  bool trivially_destructible;  // destroy() does nothing: callers may skip it
  // Constructs a T at dst from *src by move (buffer slots).
  void (*move_construct)(void* dst, void* src);
  void (*destroy)(void* p);
  // *static_cast<std::optional<T>*>(opt) = std::move(*src) (a taker's result).
  void (*move_to_optional)(void* opt, void* src);
  // Same by copy; null when T is not copyable (promise channels need it).
  void (*copy_to_optional)(void* opt, const void* src);
  Preview (*preview)(const void* v);
  // The preview as a number, without building a Preview (a traced transfer's hot path). Set
  // only where Describe<T> is the built-in rule for an integer, enum or bool; null otherwise.
  int64_t (*integer_preview)(const void* v);
  // The T inside a std::optional<T>, or null when it is empty.
  const void* (*optional_value)(const void* opt);
};

template <class T>
concept BuiltinDescribe = std::is_same_v<typename Describe<T>::builtin_rules_for, T>;

template <class T>
struct ValueOpsFor {
  static void move_construct(void* dst, void* src) {
    ::new (dst) T(std::move(*static_cast<T*>(src)));
  }
  static void destroy(void* p) { static_cast<T*>(p)->~T(); }
  static void move_to_optional(void* opt, void* src) {
    static_cast<std::optional<T>*>(opt)->emplace(std::move(*static_cast<T*>(src)));
  }
  static void copy_to_optional(void* opt, const void* src) {
    static_cast<std::optional<T>*>(opt)->emplace(*static_cast<const T*>(src));
  }
  static Preview preview(const void* v) { return Describe<T>::preview(*static_cast<const T*>(v)); }
  static int64_t integer_preview(const void* v) {
    return static_cast<int64_t>(*static_cast<const T*>(v));
  }
  static constexpr auto integer_preview_fn() {
    if constexpr (BuiltinDescribe<T> && (std::is_integral_v<T> || std::is_enum_v<T>)) {
      return &integer_preview;
    } else {
      return static_cast<int64_t (*)(const void*)>(nullptr);
    }
  }
  static const void* optional_value(const void* opt) {
    const auto* o = static_cast<const std::optional<T>*>(opt);
    return o->has_value() ? static_cast<const void*>(&**o) : nullptr;
  }
  static constexpr auto copy_fn() {
    if constexpr (std::is_copy_constructible_v<T>) {
      return &copy_to_optional;
    } else {
      return static_cast<void (*)(void*, const void*)>(nullptr);
    }
  }

  static constexpr ValueOps table{sizeof(T),       alignof(T), std::is_trivially_destructible_v<T>,
                                  &move_construct, &destroy,   &move_to_optional,
                                  copy_fn(),       &preview,   integer_preview_fn(),
                                  &optional_value};
};

template <class T>
constexpr const ValueOps& value_ops() {
  return ValueOpsFor<T>::table;
}

}  // namespace csp::detail
