// The binary `.csptrace` encoding: file header, chunk framing and compact records.
// docs/trace-format.md ("Binary encoding") describes the layout; this is its one implementation,
// shared by the recorder, the export writer and the reader.
//
// Layout: header = magic "CSPTRACE", u32 version, u32 header length, u32 CRC-32C of the header
// payload, header payload. Then chunks: u32 payload length, u32 CRC-32C of the payload, payload
// = varint #strings, strings (varint length + bytes; ids continue the file's table), varint
// #events, records. A record = kind byte, varint of the kind's optional-field bits (compacted to
// the kind's optional fields in schema order), varint seq delta - 1, zigzag t delta, then every
// present field in schema order. seq and t deltas restart from 0 in every chunk, so a chunk
// decodes given the strings of the chunks before it.
//
// Everything here except encode_header / decode_* is allocation-free and async-signal-safe: the
// recorder's crash path encodes with it.
#pragma once

#include <csptrace/event.hpp>
#include <csptrace/record_layout.hpp>

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace csptrace::binary {

inline constexpr char kMagic[8] = {'C', 'S', 'P', 'T', 'R', 'A', 'C', 'E'};
inline constexpr size_t kFixedHeaderBytes = 20;  // magic, version, length, crc
inline constexpr size_t kChunkHeaderBytes = 8;   // payload length, crc
inline constexpr size_t kMaxRecordBytes = 320;   // bound on one encoded record
inline constexpr uint32_t kMaxChunkPayload = 64u << 20;
inline constexpr uint32_t kMaxHeaderPayload = 1u << 20;

// CRC-32C (Castagnoli), continuing from `crc` (start with 0).
uint32_t crc32c(uint32_t crc, const void* data, size_t n) noexcept;

inline void put_u32(uint8_t* p, uint32_t v) noexcept {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
inline uint32_t get_u32(const uint8_t* p) noexcept {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}

// Encodes e (its kind, present fields, seq and t relative to the previous record of the chunk)
// at p, which must have kMaxRecordBytes of room. Updates prev_seq / prev_t. Precondition:
// e.seq > prev_seq (the reader requires increasing seq anyway).
uint8_t* encode_record(uint8_t* p, const Event& e, uint64_t& prev_seq, int64_t& prev_t) noexcept;

// The same with seq and t deltas of 0, whatever e.seq and e.t hold (the recorder's ring slot
// carries them; reframe_record puts the real deltas in), and text ids at or above text_limit
// written as 0 ("").
uint8_t* encode_unstamped(uint8_t* p, const Event& e, uint32_t text_limit) noexcept;

// ---- record encoders (the one implementation of a record's field layout) -------------------

namespace encode {

enum : uint8_t { kValueNone = 0, kValueInt = 1, kValueText = 2 };

// One encoder per field type.
inline uint8_t* put(uint8_t* p, uint64_t v) noexcept { return put_varint(p, v); }
inline uint8_t* put(uint8_t* p, uint32_t v) noexcept { return put_varint(p, v); }
inline uint8_t* put(uint8_t* p, int64_t v) noexcept { return put_varint(p, zigzag64(v)); }
inline uint8_t* put(uint8_t* p, int32_t v) noexcept { return put_varint(p, zigzag64(v)); }
inline uint8_t* put(uint8_t* p, bool v) noexcept {
  *p++ = v ? 1 : 0;
  return p;
}
template <class E>
requires std::is_enum_v<E>
inline uint8_t* put(uint8_t* p, E v) noexcept {
  *p++ = static_cast<uint8_t>(v);
  return p;
}
inline uint8_t* put(uint8_t* p, const Value& v) noexcept {
  switch (v.kind) {
    case Value::Kind::None: break;
    case Value::Kind::Int: *p++ = kValueInt; return put_varint(p, zigzag64(v.num));
    case Value::Kind::Text: *p++ = kValueText; return put_varint(p, v.text);
  }
  *p++ = kValueNone;
  return p;
}

// seq and t are not fields of a record: they are its deltas.
constexpr FieldMask kStamp = f::seq | f::t;

// One kind's record, generated from its schema row: which fields it has is known at compile
// time, so the record is written straight-line, with one test per optional field and none per
// required one (the recorder's hot path). Unstamped: seq and t deltas of 0 (the recorder's ring
// entries), written without a test. Inline, so that a caller which builds the event in place
// has its constant fields folded in.
//
// Text ids at or above text_limit are written as 0 (""): the recorder passes the count of ids it
// has handed out, so that a stray id cannot make the file unloadable.
template <EventKind Kind, bool Unstamped>
[[gnu::always_inline]] inline uint8_t* record_of(uint8_t* p, const Event& e, uint64_t seq_delta,
                                                 uint64_t t_delta, uint32_t text_limit) noexcept {
  constexpr FieldMask Required = required_fields(Kind) & ~kStamp;
  constexpr FieldMask Optional = optional_fields(Kind) & ~kStamp;
  const FieldMask present = e.present;
  // The kind's fields are read before the first byte is written: a byte store may alias e,
  // so reads after it would have to go back to memory, and a caller that built e in place
  // could not have its fields kept in registers.
#define CSPTRACE_BIN_LOAD(member, key, type, doc) \
  [[maybe_unused]] type member = ((Required | Optional) & f::member) != 0 ? e.member : type{};
  CSPTRACE_FIELDS(CSPTRACE_BIN_LOAD)
#undef CSPTRACE_BIN_LOAD
  auto limit = [text_limit](auto& v, auto bit) {
    if constexpr ((decltype(bit)::value & kTextFields & (Required | Optional)) != 0)
      v = v < text_limit ? v : 0;
  };
#define CSPTRACE_BIN_LIMIT(member, key, type, doc) \
  limit(member, std::integral_constant<FieldMask, f::member>{});
  CSPTRACE_FIELDS(CSPTRACE_BIN_LIMIT)
#undef CSPTRACE_BIN_LIMIT
  if constexpr (((Required | Optional) & f::value) != 0)
    if (value.kind == Value::Kind::Text && value.text >= text_limit) value.text = 0;
  // Bit i: the kind's i-th optional field (in schema order) is present (presence_bits, unrolled
  // at compile time).
  uint64_t bits = 0;
#define CSPTRACE_BIN_BIT(member, key, type, doc) \
  if constexpr ((Optional & f::member) != 0)     \
    bits |= uint64_t{(present & f::member) != 0} << kind_fields(Kind).optional_rank(Field::member);
  CSPTRACE_FIELDS(CSPTRACE_BIN_BIT)
#undef CSPTRACE_BIN_BIT
  *p++ = static_cast<uint8_t>(Kind);
  p = put_varint(p, bits);
  if constexpr (Unstamped) {
    *p++ = 0;
    *p++ = 0;
  } else {
    p = put_varint(p, seq_delta);
    p = put_varint(p, t_delta);
  }
#define CSPTRACE_BIN_FIELD(member, key, type, doc) \
  if constexpr ((Required & f::member) != 0)       \
    p = put(p, member);                            \
  else if constexpr ((Optional & f::member) != 0)  \
    if (present & f::member) p = put(p, member);
  CSPTRACE_FIELDS(CSPTRACE_BIN_FIELD)
#undef CSPTRACE_BIN_FIELD
  return p;
}

}  // namespace encode

// encode_unstamped for an event whose kind is known at compile time (e.kind must be Kind).
template <EventKind Kind>
[[gnu::always_inline]] inline uint8_t* encode_unstamped_as(uint8_t* p, const Event& e,
                                                           uint32_t text_limit) noexcept {
  return encode::record_of<Kind, true>(p, e, 0, 0, text_limit);
}

// Bytes reframe_record may read at rec, however short the record.
inline constexpr size_t kReframeReadable = 40;

// Rewrites a record encoded with seq and t deltas of 0 (each one byte) for its place in a
// chunk: writes it at out with the real deltas from prev_seq / prev_t, updates them, returns
// the end. rec must have max(len, kReframeReadable) readable bytes; out needs len + 32 bytes
// (it may write past the end, up to that bound). Inline: the recorder's writer runs it per event.
inline uint8_t* reframe_record(uint8_t* out, const uint8_t* rec, size_t len, uint64_t seq,
                               int64_t t, uint64_t& prev_seq, int64_t& prev_t) noexcept {
  size_t head = 2;  // kind byte, then the optional-fields varint (at most 5 bytes)
  if (rec[1] & 0x80) [[unlikely]]
    while (rec[head++] & 0x80) {
    }
  // Fixed-size copies: a few moves instead of a memcpy call for a ~10-byte record.
  std::memcpy(out, rec, 8);
  out = put_varint(out + head, seq - prev_seq - 1);
  out = put_varint(out, zigzag64(t - prev_t));
  prev_seq = seq;
  prev_t = t;
  const size_t rest = len - head - 2;  // skip the two zero deltas
  if (rest <= 32) [[likely]]
    std::memcpy(out, rec + head + 2, 32);  // head + 2 + 32 <= kReframeReadable
  else
    std::memcpy(out, rec + head + 2, rest);
  return out + rest;
}

// A read position inside a buffer. Decoders throw std::invalid_argument on malformed input;
// the reader turns that into "FILE: offset N: ..." using pos().
struct Cursor {
  const uint8_t* begin;
  const uint8_t* p;
  const uint8_t* end;
  size_t pos() const { return static_cast<size_t>(p - begin); }
  size_t left() const { return static_cast<size_t>(end - p); }
  uint64_t varint() {
    if (p != end && *p < 0x80) return *p++;  // most numbers in a record take one byte
    return varint_slow();
  }
  uint64_t varint_slow();
  std::string_view bytes(size_t n);
};

// Decodes one record into e (fields not present are left as they are in e, except `present`).
void decode_record(Cursor& c, Event& e, uint64_t& prev_seq, int64_t& prev_t);
// The fields skim_record decodes; it steps over the others.
inline constexpr FieldMask kSkimmedFields = f::seq | f::t | f::proc | f::chan;
// Decodes a record's kind, seq and t and its kSkimmedFields, and steps over the rest without
// reading or checking them (a preview's pass, which only counts events on lanes: about half the
// work of decode_record). e.present holds the kSkimmedFields present. Throws
// std::invalid_argument only where the record's bytes run out or its kind or presence bits are
// unknown, never reading past c.end.
void skim_record(Cursor& c, Event& e, uint64_t& prev_seq, int64_t& prev_t);

// Whole file header (magic ... payload) for h.
std::string encode_header(const TraceHeader& h);

// Parses the header at the start of `file`; returns its total length. Throws
// std::invalid_argument (with the offset folded into TraceError by the caller) for a bad or
// newer header; `offset` receives where the problem is.
struct HeaderError : std::invalid_argument {
  HeaderError(size_t off, const std::string& what) : std::invalid_argument(what), offset(off) {}
  size_t offset;
};
size_t decode_header(const uint8_t* file, size_t size, TraceHeader& h);

}  // namespace csptrace::binary
