#include <csptrace/binary_codec.hpp>

#include <array>
#include <bit>
#include <cstring>
#include <limits>
#include <type_traits>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace csptrace::binary {

// ---- CRC-32C ------------------------------------------------------------------------------------

namespace {

constexpr std::array<uint32_t, 256> make_crc_table() {
  std::array<uint32_t, 256> t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
    t[i] = c;
  }
  return t;
}
constexpr auto kCrcTable = make_crc_table();

uint32_t crc32c_table(uint32_t crc, const uint8_t* p, size_t n) noexcept {
  for (size_t i = 0; i < n; ++i) crc = kCrcTable[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
  return crc;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) uint32_t crc32c_hw(uint32_t crc, const uint8_t* p,
                                                     size_t n) noexcept {
  uint64_t c = crc;
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    c = _mm_crc32_u64(c, w);
    p += 8;
    n -= 8;
  }
  uint32_t c32 = static_cast<uint32_t>(c);
  while (n--) c32 = _mm_crc32_u8(c32, *p++);
  return c32;
}
// Resolved once at static initialisation, so the crash path only reads a bool.
const bool kHaveSse42 = __builtin_cpu_supports("sse4.2");
#endif

}  // namespace

uint32_t crc32c(uint32_t crc, const void* data, size_t n) noexcept {
  auto p = static_cast<const uint8_t*>(data);
  crc = ~crc;
#if defined(__x86_64__)
  if (kHaveSse42) return ~crc32c_hw(crc, p, n);
#endif
  return ~crc32c_table(crc, p, n);
}

namespace {

using ::csptrace::enum_count;
using encode::kValueInt;
using encode::kValueNone;
using encode::kValueText;

// ---- field decoders ----

[[noreturn]] void bad(const char* key, const char* what) {
  throw std::invalid_argument(std::string("field \"") + key + "\" " + what);
}

void get(Cursor& c, uint64_t& out, const char*) { out = c.varint(); }
void get(Cursor& c, uint32_t& out, const char* key) {
  uint64_t v = c.varint();
  if (v > std::numeric_limits<uint32_t>::max()) bad(key, "is out of range");
  out = static_cast<uint32_t>(v);
}
void get(Cursor& c, int64_t& out, const char*) { out = unzigzag64(c.varint()); }
void get(Cursor& c, int32_t& out, const char* key) {
  int64_t v = unzigzag64(c.varint());
  if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max())
    bad(key, "is out of range");
  out = static_cast<int32_t>(v);
}
void get(Cursor& c, bool& out, const char* key) {
  if (c.p == c.end) throw std::invalid_argument("record ends in the middle of a field");
  uint8_t b = *c.p++;
  if (b > 1) bad(key, "is not 0 or 1");
  out = b != 0;
}
template <class E>
requires std::is_enum_v<E>
void get(Cursor& c, E& out, const char* key) {
  if (c.p == c.end) throw std::invalid_argument("record ends in the middle of a field");
  uint8_t b = *c.p++;
  if (b >= enum_count<E>()) bad(key, "has an unknown enumerator");
  out = static_cast<E>(b);
}
void get(Cursor& c, Value& out, const char* key) {
  if (c.p == c.end) throw std::invalid_argument("record ends in the middle of a field");
  switch (*c.p++) {
    case kValueNone: out = Value{}; return;
    case kValueInt: out = Value::integer(unzigzag64(c.varint())); return;
    case kValueText: {
      uint32_t id;
      get(c, id, key);
      out = Value::text_id(id);
      return;
    }
    default: bad(key, "has an unknown value tag");
  }
}

}  // namespace

uint64_t Cursor::varint_slow() {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (p == end) throw std::invalid_argument("record ends in the middle of a number");
    uint8_t b = *p++;
    v |= uint64_t(b & 0x7f) << shift;
    if (!(b & 0x80)) return v;
  }
  throw std::invalid_argument("a number is longer than 10 bytes");
}

std::string_view Cursor::bytes(size_t n) {
  if (n > left()) throw std::invalid_argument("a string runs past the end of its chunk");
  std::string_view s(reinterpret_cast<const char*>(p), n);
  p += n;
  return s;
}

namespace {

template <bool Unstamped>
uint8_t* encode_with_deltas(uint8_t* p, const Event& e, uint64_t seq_delta, uint64_t t_delta,
                            uint32_t text_limit) noexcept {
  switch (e.kind) {
#define CSPTRACE_BIN_KIND(E, name, req, opt, doc, example) \
  case EventKind::E:                                       \
    return encode::record_of<EventKind::E, Unstamped>(p, e, seq_delta, t_delta, text_limit);
    CSPTRACE_KINDS(CSPTRACE_BIN_KIND)
#undef CSPTRACE_BIN_KIND
    case EventKind::count_: break;
  }
  *p++ = static_cast<uint8_t>(e.kind);  // not a kind: never produced by this program
  return p;
}

// Steps over a field of type T without reading it: a varint, a byte, or a value's tag and its
// varint.
void step_over_varint(Cursor& c) {
  while (true) {
    if (c.p == c.end) throw std::invalid_argument("record ends in the middle of a number");
    if (*c.p++ < 0x80) return;
  }
}
void step_over_byte(Cursor& c) {
  if (c.p == c.end) throw std::invalid_argument("record ends in the middle of a field");
  ++c.p;
}
template <class T>
void step_over(Cursor& c) {
  if constexpr (std::is_same_v<T, Value>) {
    if (c.p == c.end) throw std::invalid_argument("record ends in the middle of a field");
    if (*c.p++ != kValueNone) step_over_varint(c);
  } else if constexpr (std::is_enum_v<T> || std::is_same_v<T, bool>) {
    step_over_byte(c);
  } else {
    step_over_varint(c);
  }
}

// The fields of `present` but seq and t, in schema order, for a kind that allows `Allowed`:
// those in `Decoded` read and checked, the others stepped over. One test a field the kind has,
// none for those it has not (a loop over the present bits with a switch on each took a third
// of a preview's read).
template <FieldMask Allowed, FieldMask Decoded>
void read_fields(Cursor& c, Event& e, FieldMask present) {
#define CSPTRACE_BIN_READ(member, key, type, doc)                \
  if constexpr ((Allowed & f::member & ~(f::seq | f::t)) != 0) { \
    if (present & f::member) {                                   \
      if constexpr ((f::member & Decoded) != 0)                  \
        get(c, e.member, key);                                   \
      else                                                       \
        step_over<type>(c);                                      \
    }                                                            \
  }
  CSPTRACE_FIELDS(CSPTRACE_BIN_READ)
#undef CSPTRACE_BIN_READ
}

// The kind, presence bits, seq and t of a record (decode_record's and skim_record's start).
FieldMask decode_head(Cursor& c, Event& e, uint64_t& prev_seq, int64_t& prev_t) {
  if (c.p == c.end) throw std::invalid_argument("record ends before its kind");
  uint8_t k = *c.p++;
  if (k >= kKindCount)
    throw std::invalid_argument("unknown event kind number " + std::to_string(k));
  e.kind = static_cast<EventKind>(k);
  uint64_t bits = c.varint();
  if (bits >> optional_count(e.kind))
    throw std::invalid_argument(std::string(to_string(e.kind)) +
                                " record marks optional fields the kind does not have");
  const FieldMask present = present_fields(e.kind, bits);
  uint64_t dseq = c.varint();
  if (dseq >= std::numeric_limits<uint64_t>::max() - prev_seq)
    throw std::invalid_argument("seq overflows");
  e.seq = prev_seq + 1 + dseq;
  e.t = static_cast<int64_t>(static_cast<uint64_t>(prev_t) +
                             static_cast<uint64_t>(unzigzag64(c.varint())));
  prev_seq = e.seq;
  prev_t = e.t;
  return present;
}

// A record with its fields in `Decoded` read (decode_record: all of them) and the others
// stepped over; e.present says which were read.
template <FieldMask Decoded>
void read_record(Cursor& c, Event& e, uint64_t& prev_seq, int64_t& prev_t) {
  const FieldMask present = decode_head(c, e, prev_seq, prev_t);
  e.present = present & Decoded;
  switch (e.kind) {
#define CSPTRACE_BIN_KIND_FIELDS(E, name, req, opt, doc, example)                               \
  case EventKind::E:                                                                            \
    read_fields<kKindFields[static_cast<int>(EventKind::E)].allowed(), Decoded>(c, e, present); \
    break;
    CSPTRACE_KINDS(CSPTRACE_BIN_KIND_FIELDS)
#undef CSPTRACE_BIN_KIND_FIELDS
    case EventKind::count_: break;
  }
}

}  // namespace

uint8_t* encode_record(uint8_t* p, const Event& e, uint64_t& prev_seq, int64_t& prev_t) noexcept {
  const uint64_t seq_delta = e.seq - prev_seq - 1;
  const uint64_t t_delta = zigzag64(e.t - prev_t);
  prev_seq = e.seq;
  prev_t = e.t;
  return encode_with_deltas<false>(p, e, seq_delta, t_delta, UINT32_MAX);
}

uint8_t* encode_unstamped(uint8_t* p, const Event& e, uint32_t text_limit) noexcept {
  return encode_with_deltas<true>(p, e, 0, 0, text_limit);
}

void decode_record(Cursor& c, Event& e, uint64_t& prev_seq, int64_t& prev_t) {
  read_record<~FieldMask{0}>(c, e, prev_seq, prev_t);
}

void skim_record(Cursor& c, Event& e, uint64_t& prev_seq, int64_t& prev_t) {
  read_record<kSkimmedFields>(c, e, prev_seq, prev_t);
}

// ---- header ------------------------------------------------------------------------------------

namespace {

void put_header_field(std::string& out, const std::string& s) {
  uint8_t buf[10];
  out.append(reinterpret_cast<char*>(buf), put_varint(buf, s.size()) - buf);
  out += s;
}
void put_header_field(std::string& out, uint64_t v) {
  uint8_t buf[10];
  out.append(reinterpret_cast<char*>(buf), put_varint(buf, v) - buf);
}
void put_header_field(std::string& out, int64_t v) { put_header_field(out, zigzag64(v)); }

void get_header_field(Cursor& c, std::string& s) { s = std::string(c.bytes(c.varint())); }
void get_header_field(Cursor& c, uint64_t& v) { v = c.varint(); }
void get_header_field(Cursor& c, int64_t& v) { v = unzigzag64(c.varint()); }

}  // namespace

std::string encode_header(const TraceHeader& h) {
  std::string payload;
#define CSPTRACE_BIN_HPUT(member, key, type, doc) put_header_field(payload, h.member);
  CSPTRACE_HEADER_FIELDS(CSPTRACE_BIN_HPUT)
#undef CSPTRACE_BIN_HPUT
  std::string out(kMagic, sizeof kMagic);
  uint8_t fixed[12];
  put_u32(fixed, h.version);
  put_u32(fixed + 4, static_cast<uint32_t>(payload.size()));
  put_u32(fixed + 8, crc32c(0, payload.data(), payload.size()));
  out.append(reinterpret_cast<char*>(fixed), sizeof fixed);
  return out + payload;
}

size_t decode_header(const uint8_t* file, size_t size, TraceHeader& h) {
  if (size < sizeof kMagic || std::memcmp(file, kMagic, sizeof kMagic) != 0)
    throw HeaderError(0, "not a cspscope binary trace (no CSPTRACE magic)");
  if (size < kFixedHeaderBytes)
    throw HeaderError(size, "the file ends inside the header; nothing was recorded");
  h.version = get_u32(file + 8);
  if (h.version > kFormatVersion)
    throw HeaderError(8, "trace format version " + std::to_string(h.version) +
                             " is newer than this cspscope understands (version " +
                             std::to_string(kFormatVersion) + "); open it with a newer cspscope");
  if (h.version == 0) throw HeaderError(8, "format version 0 is invalid (the file is corrupted)");
  uint32_t len = get_u32(file + 12);
  if (len > kMaxHeaderPayload)
    throw HeaderError(
        12, "header length " + std::to_string(len) + " is implausible (the file is corrupted)");
  if (size < kFixedHeaderBytes + len)
    throw HeaderError(size, "the file ends inside the header; nothing was recorded");
  const uint8_t* payload = file + kFixedHeaderBytes;
  if (crc32c(0, payload, len) != get_u32(file + 16))
    throw HeaderError(kFixedHeaderBytes, "header checksum mismatch (the file is corrupted)");
  Cursor c{file, payload, payload + len};
  try {
// A field past the payload's end was written by an older writer: it keeps its default.
#define CSPTRACE_BIN_HGET(member, key, type, doc) \
  if (c.left() > 0) get_header_field(c, h.member);
    CSPTRACE_HEADER_FIELDS(CSPTRACE_BIN_HGET)
#undef CSPTRACE_BIN_HGET
  } catch (const std::invalid_argument& ex) {
    throw HeaderError(c.pos(), std::string("bad header: ") + ex.what());
  }
  // Bytes after the known fields are metadata from a newer writer of the same version: skipped.
  return kFixedHeaderBytes + len;
}

}  // namespace csptrace::binary
