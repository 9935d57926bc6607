#include "jsonl_fast_path.hpp"

#include <limits>

namespace csptrace {

namespace {

// One scanned JSON value; texts are views into the line (no escapes, so no copy).
struct Scalar {
  enum class Type { Int, Text, Bool, Null } type;
  bool negative = false;
  uint64_t magnitude = 0;  // Int: |value|
  bool flag = false;       // Bool
  std::string_view text;   // Text
};

class Scanner {
 public:
  explicit Scanner(std::string_view s) : p_(s.data()), end_(s.data() + s.size()) {}

  void ws() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\r' || *p_ == '\n')) ++p_;
  }
  bool eat(char c) {
    ws();
    if (p_ == end_ || *p_ != c) return false;
    ++p_;
    return true;
  }
  bool at_end() {
    ws();
    return p_ == end_;
  }
  // A string without escapes or non-ASCII bytes (the full decoder checks those).
  bool string(std::string_view& out) {
    if (!eat('"')) return false;
    const char* start = p_;
    while (p_ != end_) {
      const unsigned char c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        out = std::string_view(start, static_cast<size_t>(p_ - start));
        ++p_;
        return true;
      }
      if (c == '\\' || c < 0x20 || c >= 0x80) return false;
      ++p_;
    }
    return false;
  }
  bool literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word)
      return false;
    p_ += word.size();
    return true;
  }
  bool value(Scalar& v) {
    ws();
    if (p_ == end_) return false;
    const char c = *p_;
    if (c == '"') {
      v.type = Scalar::Type::Text;
      return string(v.text);
    }
    if (c == 't' || c == 'f') {
      v.type = Scalar::Type::Bool;
      v.flag = c == 't';
      return literal(v.flag ? "true" : "false");
    }
    if (c == 'n') {
      v.type = Scalar::Type::Null;
      return literal("null");
    }
    v.type = Scalar::Type::Int;
    v.negative = c == '-';
    if (v.negative) ++p_;
    if (p_ == end_ || *p_ < '0' || *p_ > '9') return false;
    if (*p_ == '0' && p_ + 1 != end_ && p_[1] >= '0' && p_[1] <= '9') return false;  // 01
    uint64_t m = 0;
    while (p_ != end_ && *p_ >= '0' && *p_ <= '9') {
      const uint64_t d = static_cast<uint64_t>(*p_ - '0');
      if (m > (std::numeric_limits<uint64_t>::max() - d) / 10) return false;
      m = m * 10 + d;
      ++p_;
    }
    if (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;  // not an integer
    v.magnitude = m;
    return true;
  }

 private:
  const char* p_;
  const char* end_;
};

// Conversions with the full decoder's acceptance rules; false where it would throw.
template <class T>
bool integer(const Scalar& v, T& out) {
  if (v.type != Scalar::Type::Int) return false;
  if constexpr (std::is_signed_v<T>) {
    if (v.negative) {
      if (v.magnitude > uint64_t(std::numeric_limits<T>::max()) + 1) return false;
      out = static_cast<T>(-static_cast<int64_t>(v.magnitude - 1) - 1);
    } else {
      if (v.magnitude > uint64_t(std::numeric_limits<T>::max())) return false;
      out = static_cast<T>(v.magnitude);
    }
  } else {
    if (v.negative && v.magnitude != 0) return false;
    if (v.magnitude > std::numeric_limits<T>::max()) return false;
    out = static_cast<T>(v.magnitude);
  }
  return true;
}

bool assign(const Scalar& v, uint64_t& out, StringTable&, TextUse) { return integer(v, out); }
bool assign(const Scalar& v, int64_t& out, StringTable&, TextUse) { return integer(v, out); }
bool assign(const Scalar& v, int32_t& out, StringTable&, TextUse) { return integer(v, out); }
bool assign(const Scalar& v, uint32_t& out, StringTable& s, TextUse use) {
  if (use == TextUse::None) return integer(v, out);
  if (v.type != Scalar::Type::Text) return false;
  out = s.intern(use == TextUse::Intern ? v.text : std::string_view());
  return true;
}
bool assign(const Scalar& v, bool& out, StringTable&, TextUse) {
  if (v.type != Scalar::Type::Bool) return false;
  out = v.flag;
  return true;
}
template <class E>
requires std::is_enum_v<E>
bool assign(const Scalar& v, E& out, StringTable&, TextUse) {
  if (v.type != Scalar::Type::Text) return false;
  auto parsed = parse_enum<E>(v.text);
  if (!parsed) return false;
  out = *parsed;
  return true;
}
bool assign(const Scalar& v, Value& out, StringTable& s, TextUse use) {
  switch (v.type) {
    case Scalar::Type::Null: out = Value{}; return true;
    case Scalar::Type::Text:
      out = Value::text_id(s.intern(use == TextUse::Intern ? v.text : std::string_view()));
      return true;
    case Scalar::Type::Int: {
      int64_t n;
      if (!integer(v, n)) return false;
      out = Value::integer(n);
      return true;
    }
    case Scalar::Type::Bool: return false;
  }
  return false;
}

}  // namespace

bool decode_jsonl_event_fast(std::string_view line, StringTable& strings, FieldMask interned,
                             Event& e) {
  Scanner in(line);
  if (!in.eat('{')) return false;
  e = Event{};
  e.present = 0;
  bool have_kind = false;
  std::string_view key;
  Scalar v;
  do {
    if (!in.string(key) || !in.eat(':') || !in.value(v)) return false;
    if (key == "kind") {
      if (have_kind || v.type != Scalar::Type::Text) return false;
      auto k = parse_EventKind(v.text);
      if (!k) return false;
      e.kind = *k;
      have_kind = true;
      continue;
    }
    auto field = parse_field(key);
    if (!field) return false;
    const FieldMask bit = FieldMask{1} << static_cast<int>(*field);
    if (e.present & bit) return false;  // a duplicate key: the full decoder decides
    bool ok = false;
    switch (*field) {
#define CSPTRACE_FAST_TAKE(member, key_, type, doc) \
  case Field::member: ok = assign(v, e.member, strings, text_use(f::member, interned)); break;
      CSPTRACE_FIELDS(CSPTRACE_FAST_TAKE)
#undef CSPTRACE_FAST_TAKE
      case Field::count_: break;
    }
    if (!ok) return false;
    e.present |= bit;
  } while (in.eat(','));
  return in.eat('}') && in.at_end() && have_kind;
}

}  // namespace csptrace
