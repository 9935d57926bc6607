// A reader over one of TraceModel's own compact records, for the accessors that need one or a
// few fields of an event (TraceModel::field<F>, TraceModel::event(i, wanted)) without decoding
// the whole record into an Event.
//
// The builder wrote or checked every record, so this reader skips the bounds and range checks
// of binary::decode_record. It mirrors the field encoders of binary_codec.cpp: varints, zigzag
// for signed numbers, one byte for bools and enumerations, a tag byte then a number for values.
// test_trace_model checks what it reads against TraceModel::event(i) for every field.
#pragma once

#include <csptrace/trace_model.hpp>

#include <cstdint>
#include <type_traits>

namespace csptrace {

namespace model_layout {
// required_fields() as a table the compiler sees (seq and t are required on every kind).
inline constexpr FieldMask kRequired[] = {
#define CSPTRACE_MODEL_REQUIRED(E, name, req, opt, doc, example) kCommonRequired | (req),
    CSPTRACE_KINDS(CSPTRACE_MODEL_REQUIRED)
#undef CSPTRACE_MODEL_REQUIRED
};
// optional_fields() likewise: the fields a record's presence bits stand for, lowest bit first.
inline constexpr FieldMask kOptional[] = {
#define CSPTRACE_MODEL_OPTIONAL(E, name, req, opt, doc, example) \
  (kCommonOptional | (opt)) & ~(kCommonRequired | (req)),
    CSPTRACE_KINDS(CSPTRACE_MODEL_OPTIONAL)
#undef CSPTRACE_MODEL_OPTIONAL
};
// How each field's bytes are skipped: a varint, one byte, or a value (a tag, then a varint
// unless the value is none).
enum class Skip : uint8_t { Varint, Byte, Value };
template <class T>
constexpr Skip skip_of() {
  if constexpr (std::is_same_v<T, Value>) return Skip::Value;
  else if constexpr (std::is_same_v<T, bool> || std::is_enum_v<T>) return Skip::Byte;
  else return Skip::Varint;
}
inline constexpr Skip kSkip[] = {
#define CSPTRACE_SKIP_OF(member, key, T, doc) skip_of<T>(),
    CSPTRACE_FIELDS(CSPTRACE_SKIP_OF)
#undef CSPTRACE_SKIP_OF
};
}  // namespace model_layout

class ModelRecord {
 public:
  // rec: the record of a kind-k event, its kind byte first. Reports the present fields among
  // `upto` and stands at the first field after seq and t.
  ModelRecord(const uint8_t* rec, EventKind k, FieldMask upto) : p_(rec + 1) {
    const uint64_t bits = varint();  // which optional fields are present
    const auto kind = static_cast<int>(k);
    FieldMask present = model_layout::kRequired[kind] & upto;
    int n = 0;
    for (FieldMask o = model_layout::kOptional[kind] & upto; o; o &= o - 1, ++n)
      if (bits >> n & 1) present |= o & (~o + 1);
    present_ = present & ~(f::seq | f::t);
    p_ += 2;  // the seq and t deltas: one zero byte each in the model's records (see add_checked)
  }

  // The present fields other than seq and t, among those asked for; read them in this order.
  FieldMask present() const { return present_; }

  // Reads the next field as a T (the field's type in Event).
  template <class T>
  T next() {
    if constexpr (std::is_same_v<T, Value>) {
      switch (*p_++) {
        case 1: return Value::integer(unzigzag(varint()));
        case 2: return Value::text_id(static_cast<StrId>(varint()));
        default: return Value{};
      }
    } else if constexpr (std::is_same_v<T, bool>) {
      return *p_++ != 0;
    } else if constexpr (std::is_enum_v<T>) {
      return static_cast<T>(*p_++);
    } else if constexpr (std::is_signed_v<T>) {
      return static_cast<T>(unzigzag(varint()));
    } else {
      return static_cast<T>(varint());
    }
  }

  // Steps over the next field, which is fl.
  void skip(Field fl) {
    using model_layout::Skip;
    switch (model_layout::kSkip[static_cast<int>(fl)]) {
      case Skip::Byte: ++p_; return;
      case Skip::Value:
        if (*p_++ == 0) return;  // a none value is its tag alone
        [[fallthrough]];
      case Skip::Varint:
        while (*p_++ & 0x80) {
        }
        return;
    }
  }

 private:
  static int64_t unzigzag(uint64_t u) {
    return static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
  }
  uint64_t varint() {
    if (!(*p_ & 0x80)) return *p_++;  // most ids, deltas and small numbers fit one byte
    uint64_t v = 0;
    for (int shift = 0;; shift += 7) {
      const uint8_t b = *p_++;
      v |= uint64_t(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
  }

  const uint8_t* p_;
  FieldMask present_ = 0;
};

}  // namespace csptrace
