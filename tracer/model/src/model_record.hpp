// A reader over one of TraceModel's own compact records, for the accessors that need one or a
// few fields of an event (TraceModel::field<F>, TraceModel::event(i, wanted)) without decoding
// the whole record into an Event.
//
// The builder wrote or checked every record, so this reader skips the bounds and range checks
// of binary::decode_record. It reads the record with the pieces of record_layout.hpp and mirrors
// the field encoders of binary_codec.hpp: one byte for bools and enumerations, a tag byte then a
// number for values.
// test_trace_model checks what it reads against TraceModel::event(i) for every field.
#pragma once

#include <csptrace/record_layout.hpp>
#include <csptrace/trace_model.hpp>

#include <cstdint>
#include <type_traits>

namespace csptrace {

namespace model_layout {
// How each field's bytes are skipped: a varint, one byte, or a value (a tag, then a varint
// unless the value is none).
enum class Skip : uint8_t { Varint, Byte, Value };
template <class T>
constexpr Skip skip_of() {
  if constexpr (std::is_same_v<T, Value>)
    return Skip::Value;
  else if constexpr (std::is_same_v<T, bool> || std::is_enum_v<T>)
    return Skip::Byte;
  else
    return Skip::Varint;
}
inline constexpr Skip kSkip[] = {
#define CSPTRACE_SKIP_OF(member, key, T, doc) skip_of<T>(),
    CSPTRACE_FIELDS(CSPTRACE_SKIP_OF)
#undef CSPTRACE_SKIP_OF
};
}  // namespace model_layout

class ModelRecord {
 public:
  // rec: the model's record of a kind-k event (its optional fields' bits, then its fields but
  // seq and t: see TraceModel), or, when `whole`, the binary record itself (a kind byte, the
  // bits, seq and t deltas, the fields), as a model with records in the file reads it. Reports
  // the present fields among `upto` and stands at the first.
  ModelRecord(const uint8_t* rec, EventKind k, FieldMask upto, bool whole) : p_(rec + whole) {
    const uint64_t bits = varint();  // which optional fields are present
    present_ = binary::present_fields(k, bits) & upto & ~(f::seq | f::t);
    if (whole) {
      varint();  // seq delta
      varint();  // t delta
    }
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
  static int64_t unzigzag(uint64_t u) { return binary::unzigzag64(u); }
  uint64_t varint() { return binary::get_varint_unchecked(p_); }

  const uint8_t* p_;
  FieldMask present_ = 0;
};

}  // namespace csptrace
