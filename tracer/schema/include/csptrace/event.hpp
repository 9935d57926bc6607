// One trace event as a plain value: the unit the recorder takes, the encodings write and the
// readers produce. Its members are generated from CSPTRACE_FIELDS (schema.hpp); `present` says
// which of them the event carries.
#pragma once

#include <csptrace/schema.hpp>

#include <cstdint>
#include <string>

namespace csptrace {

// A value preview: a number, or a text interned in the trace's string table. Numbers stay
// numbers so that binary -> JSON Lines -> binary is exact and nothing is formatted while
// recording.
// 16 bytes, so that it is returned in registers: a Value returned through memory was built with
// narrow stores and then copied with wide loads, which stalls store forwarding on every traced
// operation that records a value.
struct Value {
  enum class Kind : uint8_t { None, Int, Text };
  Kind kind = Kind::None;
  StrId text = 0;   // valid when kind == Text
  int64_t num = 0;  // valid when kind == Int

  static Value integer(int64_t v) { return {Kind::Int, 0, v}; }
  static Value text_id(StrId s) { return {Kind::Text, s, 0}; }
  bool operator==(const Value&) const = default;
};
static_assert(sizeof(Value) == 16);

// The StrId fields that hold texts (every other uint32_t field is a number). Encodings write
// these as strings; writers that renumber the string table remap them.
inline constexpr FieldMask kTextFields = f::name | f::message | f::label | f::loc;

struct Event {
  EventKind kind{};
  FieldMask present = f::seq | f::t;

#define CSPTRACE_EVENT_MEMBER(member, key, type, doc) type member{};
  CSPTRACE_FIELDS(CSPTRACE_EVENT_MEMBER)
#undef CSPTRACE_EVENT_MEMBER

  Event() = default;
  explicit Event(EventKind k) : kind(k) {}

  bool has(Field fl) const { return (present & (FieldMask{1} << static_cast<int>(fl))) != 0; }

  // Fluent setters that also mark the field present: Event(EventKind::Park).with_proc(3)...
#define CSPTRACE_EVENT_SETTER(member, key, type, doc) \
  Event& with_##member(type v) {                      \
    member = v;                                       \
    present |= f::member;                             \
    return *this;                                     \
  }
  CSPTRACE_FIELDS(CSPTRACE_EVENT_SETTER)
#undef CSPTRACE_EVENT_SETTER

  // Field-by-field equality over present fields (absent fields are ignored).
  bool operator==(const Event& o) const;
};

struct TraceHeader {
  uint32_t version = kFormatVersion;
#define CSPTRACE_HEADER_MEMBER(member, key, type, doc) type member{};
  CSPTRACE_HEADER_FIELDS(CSPTRACE_HEADER_MEMBER)
#undef CSPTRACE_HEADER_MEMBER
};

}  // namespace csptrace
