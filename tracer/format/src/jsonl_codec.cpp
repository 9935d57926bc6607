#include <csptrace/jsonl_codec.hpp>

#include "jsonl_fast_path.hpp"

#include <csptrace/json_text.hpp>

#include <nlohmann/json.hpp>

#include <limits>
#include <stdexcept>
#include <type_traits>
#include <unordered_set>

namespace csptrace {

using nlohmann::json;

namespace {

// ---- encoding: one overload per field type, appended as json_text writes it ----

void put(std::string& out, uint64_t v, const StringTable&, bool) { json_text::append(out, v); }
void put(std::string& out, int64_t v, const StringTable&, bool) { json_text::append(out, v); }
void put(std::string& out, int32_t v, const StringTable&, bool) { json_text::append(out, v); }
void put(std::string& out, bool v, const StringTable&, bool) { json_text::append(out, v); }
void put(std::string& out, uint32_t v, const StringTable& s, bool text) {
  if (text)
    json_text::append(out, s.get(v));
  else
    json_text::append(out, v);
}
template <class E>
requires std::is_enum_v<E>
void put(std::string& out, E v, const StringTable&, bool) { json_text::append(out, to_string(v)); }
void put(std::string& out, const Value& v, const StringTable& s, bool) {
  switch (v.kind) {
    case Value::Kind::None: out += "null"; break;
    case Value::Kind::Int: json_text::append(out, v.num); break;
    case Value::Kind::Text: json_text::append(out, s.get(v.text)); break;
  }
}

// A header's texts go through the one policy for text that is not UTF-8 (utf8_text.hpp), as
// the events' do.
std::string header_value(const std::string& s) { return valid_utf8(s); }
template <class T>
const T& header_value(const T& v) {
  return v;
}

// ---- decoding ----

[[noreturn]] void bad(std::string_view key, const std::string& what) {
  throw std::invalid_argument("field \"" + std::string(key) + "\" " + what);
}

// "from 0 to 4294967295": the range a field of type T takes, for the error messages.
template <class T>
std::string range_of() {
  return "from " + std::to_string(std::numeric_limits<T>::min()) + " to " +
         std::to_string(std::numeric_limits<T>::max());
}

template <class T>
T get_integer(const json& v, std::string_view key) {
  if (v.is_number_float())  // also what JSON makes of an integer too large for 64 bits
    bad(key, "must be an integer " + range_of<T>() + ", not " + v.dump());
  if (!v.is_number_integer()) bad(key, "must be an integer, not " + std::string(v.type_name()));
  if constexpr (std::is_signed_v<T>) {
    if (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t(std::numeric_limits<T>::max()))
      bad(key, "is out of range (" + range_of<T>() + ")");
    int64_t x = v.get<int64_t>();
    if (x < std::numeric_limits<T>::min() || x > std::numeric_limits<T>::max())
      bad(key, "is out of range (" + range_of<T>() + ")");
    return static_cast<T>(x);
  } else {
    if (!v.is_number_unsigned()) bad(key, "must not be negative");
    uint64_t x = v.get<uint64_t>();
    if (x > std::numeric_limits<T>::max()) bad(key, "is out of range (" + range_of<T>() + ")");
    return static_cast<T>(x);
  }
}

const std::string& get_text(const json& v, std::string_view key) {
  if (!v.is_string()) bad(key, "must be a string, not " + std::string(v.type_name()));
  return v.get_ref<const std::string&>();
}

void take(const json& v, std::string_view key, uint64_t& out, StringTable&, TextUse) {
  out = get_integer<uint64_t>(v, key);
}
void take(const json& v, std::string_view key, int64_t& out, StringTable&, TextUse) {
  out = get_integer<int64_t>(v, key);
}
void take(const json& v, std::string_view key, int32_t& out, StringTable&, TextUse) {
  out = get_integer<int32_t>(v, key);
}
void take(const json& v, std::string_view key, uint32_t& out, StringTable& s, TextUse use) {
  if (use == TextUse::None) {
    out = get_integer<uint32_t>(v, key);
    return;
  }
  const std::string& text = get_text(v, key);
  out = s.intern(use == TextUse::Intern ? std::string_view(text) : std::string_view());
}
void take(const json& v, std::string_view key, bool& out, StringTable&, TextUse) {
  if (!v.is_boolean()) bad(key, "must be true or false, not " + std::string(v.type_name()));
  out = v.get<bool>();
}
template <class E>
requires std::is_enum_v<E>
void take(const json& v, std::string_view key, E& out, StringTable&, TextUse) {
  const std::string& name = get_text(v, key);
  std::optional<E> parsed = parse_enum<E>(name);
  if (!parsed) bad(key, "has unknown value \"" + name + "\"");
  out = *parsed;
}
void take(const json& v, std::string_view key, Value& out, StringTable& s, TextUse use) {
  if (v.is_null())
    out = Value{};
  else if (v.is_number_integer())
    out = Value::integer(get_integer<int64_t>(v, key));
  else if (v.is_string())
    out = Value::text_id(s.intern(use == TextUse::Intern
                                      ? std::string_view(v.get_ref<const std::string&>())
                                      : std::string_view()));
  else if (v.is_number_float())
    bad(key, "must be an integer or a string, not the fractional number " + v.dump());
  else
    bad(key, "must be an integer or a string, not " + std::string(v.type_name()));
}

void take_header(const json& v, std::string_view key, std::string& out) { out = get_text(v, key); }
template <class T>
void take_header(const json& v, std::string_view key, T& out) {
  out = get_integer<T>(v, key);
}

// Rejects inputs nested deeper than kMaxJsonNesting before nlohmann's recursive parser sees
// them, so a hostile line cannot exhaust the stack.
void check_nesting(std::string_view line) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : line) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{' || c == '[') {
      if (++depth > kMaxJsonNesting)
        throw std::invalid_argument("JSON nested deeper than " + std::to_string(kMaxJsonNesting) +
                                    " levels; a trace line is one flat object");
    } else if (c == '}' || c == ']')
      --depth;
  }
}

json parse_object(std::string_view line) {
  if (line.size() > kMaxJsonlLineBytes)
    throw std::invalid_argument("line is " + std::to_string(line.size()) +
                                " bytes long; the limit is " + std::to_string(kMaxJsonlLineBytes));
  check_nesting(line);
  // nlohmann's lexer takes a NUL byte for the end of the input, so `{...}<NUL>junk` would parse.
  if (auto nul = line.find('\0'); nul != std::string_view::npos)
    throw std::invalid_argument("not valid JSON: NUL byte at column " + std::to_string(nul + 1) +
                                "; a trace line is text");
  // JSON leaves duplicate keys open and nlohmann keeps the last; a trace line must say each
  // field once, or "to":2,"to":3 would silently mean 3.
  std::unordered_set<std::string> keys;
  std::string duplicate;
  auto note_key = [&](int depth, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::key && depth == 1 && duplicate.empty() &&
        !keys.insert(parsed.get<std::string>()).second)
      duplicate = parsed.get<std::string>();
    return true;
  };
  json j = json::parse(line.begin(), line.end(), note_key, /*allow_exceptions=*/false);
  if (!j.is_discarded() && !duplicate.empty())
    throw std::invalid_argument("key \"" + duplicate +
                                "\" appears twice in the object; give each field once");
  if (j.is_discarded()) {
    try {
      json reparsed = json::parse(line.begin(), line.end());
      (void)reparsed;
    } catch (const json::exception& ex) {
      std::string msg = ex.what();
      if (auto p = msg.find("parse error"); p != std::string::npos) msg = msg.substr(p);
      throw std::invalid_argument("not valid JSON: " + msg);
    }
    throw std::invalid_argument("not valid JSON");
  }
  if (!j.is_object()) throw std::invalid_argument("expected a JSON object {...}");
  return j;
}

}  // namespace

std::string encode_jsonl_header(const TraceHeader& h) {
  json j;
  j["kind"] = "header";
  j["format"] = kFormatName;
  j["version"] = h.version;
#define CSPTRACE_HEADER_PUT(member, key, type, doc) j[key] = header_value(h.member);
  CSPTRACE_HEADER_FIELDS(CSPTRACE_HEADER_PUT)
#undef CSPTRACE_HEADER_PUT
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string encode_jsonl_event(const Event& e, const StringTable& strings) {
  // seq, t, kind first, then the fields in schema order: diffable lines. Written straight into
  // the line (json_text): building a document per event was most of an export's time.
  std::string out;
  out.reserve(128);
  out += "{\"seq\":";
  json_text::append(out, e.seq);
  out += ",\"t\":";
  json_text::append(out, e.t);
  out += ",\"kind\":";
  json_text::append(out, to_string(e.kind));
#define CSPTRACE_FIELD_PUT(member, key, type, doc)                 \
  if ((f::member & ~(f::seq | f::t)) && (e.present & f::member)) { \
    out += ",\"" key "\":";                                        \
    put(out, e.member, strings, (kTextFields & f::member) != 0);   \
  }
  CSPTRACE_FIELDS(CSPTRACE_FIELD_PUT)
#undef CSPTRACE_FIELD_PUT
  out += '}';
  return out;
}

TraceHeader decode_jsonl_header(std::string_view line) {
  json j = parse_object(line);
  auto kind = j.find("kind");
  auto format = j.find("format");
  if (kind == j.end() || *kind != "header" || format == j.end() || *format != kFormatName)
    throw std::invalid_argument(
        "the first line must be the header, {\"kind\":\"header\",\"format\":\"" +
        std::string(kFormatName) + "\",\"version\":" + std::to_string(kFormatVersion) +
        ",...}; is this a cspscope trace?");
  auto version = j.find("version");
  if (version == j.end()) bad("version", "is missing from the header");
  TraceHeader h;
  h.version = get_integer<uint32_t>(*version, "version");
  if (h.version > kFormatVersion)
    throw std::invalid_argument("trace format version " + std::to_string(h.version) +
                                " is newer than this cspscope understands (version " +
                                std::to_string(kFormatVersion) +
                                "); open it with a newer cspscope");
  if (h.version == 0) bad("version", "must be at least 1");
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    if (key == "kind" || key == "format" || key == "version") continue;
#define CSPTRACE_HEADER_TAKE(member, key_, type, doc) \
  if (key == key_) {                                  \
    take_header(*it, key, h.member);                  \
    continue;                                         \
  }
    CSPTRACE_HEADER_FIELDS(CSPTRACE_HEADER_TAKE)
#undef CSPTRACE_HEADER_TAKE
    // Unknown header keys are metadata from a tool we do not know; keep reading.
  }
  return h;
}

Event decode_jsonl_event(std::string_view line, StringTable& strings, FieldMask interned) {
  Event fast;
  if (line.size() <= kMaxJsonlLineBytes && decode_jsonl_event_fast(line, strings, interned, fast))
    return fast;
  json j = parse_object(line);
  auto kind_it = j.find("kind");
  if (kind_it == j.end()) throw std::invalid_argument("the event has no \"kind\"");
  const std::string& kname = get_text(*kind_it, "kind");
  auto kind = parse_EventKind(kname);
  if (!kind) {
    if (kname == "header")
      throw std::invalid_argument("a second header line; the header comes once, first");
    throw std::invalid_argument("unknown event kind \"" + kname +
                                "\" (docs/trace-format.md lists the kinds)");
  }
  Event e(*kind);
  e.present = 0;
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& key = it.key();
    if (key == "kind") continue;
    auto field = parse_field(key);
    if (!field)
      throw std::invalid_argument("unknown field \"" + key + "\" in a " + kname + " event");
    switch (*field) {
#define CSPTRACE_FIELD_TAKE(member, key_, type, doc)                   \
  case Field::member:                                                  \
    take(*it, key_, e.member, strings, text_use(f::member, interned)); \
    e.present |= f::member;                                            \
    break;
      CSPTRACE_FIELDS(CSPTRACE_FIELD_TAKE)
#undef CSPTRACE_FIELD_TAKE
      case Field::count_: break;
    }
  }
  return e;
}

}  // namespace csptrace
