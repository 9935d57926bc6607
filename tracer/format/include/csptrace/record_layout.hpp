// The bytes of one binary record, in the pieces every encoder and decoder shares: varints,
// zigzag for signed numbers, and the presence bits that say which of a kind's optional fields a
// record holds. The binary codec (binary_codec.hpp), the recorder's typed path and the model's
// compact record reader (model/src/model_record.hpp) all use these; nothing else spells them.
//
// Presence bits: bit i stands for the kind's i-th optional field in schema order
// (KindFields::optional_rank); required fields are always present and have no bit.
#pragma once

#include <csptrace/schema.hpp>

#include <array>
#include <cstdint>

namespace csptrace::binary {

inline uint8_t* put_varint(uint8_t* p, uint64_t v) noexcept {
  while (v >= 0x80) {
    *p++ = static_cast<uint8_t>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<uint8_t>(v);
  return p;
}
constexpr uint64_t zigzag64(int64_t v) noexcept {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
constexpr int64_t unzigzag64(uint64_t u) noexcept {
  return static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
}
// Reads a varint that this program wrote or already checked: no bounds, no length limit.
inline uint64_t get_varint_unchecked(const uint8_t*& p) noexcept {
  if (!(*p & 0x80)) return *p++;  // most ids, deltas and small numbers fit one byte
  uint64_t v = 0;
  for (int shift = 0;; shift += 7) {
    const uint8_t b = *p++;
    v |= uint64_t(b & 0x7f) << shift;
    if (!(b & 0x80)) return v;
  }
}

namespace layout_detail {
// Per kind, the number of its optional fields. A lookup, because std::popcount of a value not
// known at compile time is a call into libgcc without -mpopcnt (the build targets every x86-64):
// that call was 3% of `csptrace check`'s time.
inline constexpr std::array<uint8_t, kKindCount> kOptionalCounts = [] {
  std::array<uint8_t, kKindCount> n{};
  for (int k = 0; k < kKindCount; ++k)
    n[k] = static_cast<uint8_t>(std::popcount(optional_fields(static_cast<EventKind>(k))));
  return n;
}();
}  // namespace layout_detail

// The number of optional fields of kind k: presence bits at or above it are malformed.
// Precondition: k is a kind (below kKindCount), as the decoder checks first.
constexpr int optional_count(EventKind k) noexcept {
  return layout_detail::kOptionalCounts[static_cast<size_t>(k)];
}

// The presence bits of a record of kind k carrying the fields `present`.
constexpr uint64_t presence_bits(EventKind k, FieldMask present) noexcept {
  const FieldMask opt = optional_fields(k);
  uint64_t bits = 0;
  int i = 0;
  for (FieldMask o = opt; o; o &= o - 1, ++i)
    if (present & o & (~o + 1)) bits |= uint64_t{1} << i;
  return bits;
}

namespace layout_detail {
// Per kind, presence byte -> the optional fields it names (the first 8 optional fields): a
// record's present mask in one lookup for nearly every record.
struct PresenceTable {
  std::array<std::array<FieldMask, 256>, kKindCount> low{};
  constexpr PresenceTable() {
    for (int k = 0; k < kKindCount; ++k) {
      const FieldMask opt = kKindFields[k].optional;
      for (int bits = 0; bits < 256; ++bits) {
        FieldMask m = 0;
        int i = 0;
        for (FieldMask o = opt; o && i < 8; o &= o - 1, ++i)
          if (bits >> i & 1) m |= o & (~o + 1);
        low[k][bits] = m;
      }
    }
  }
};
inline constexpr PresenceTable kPresence{};
}  // namespace layout_detail

// The fields a record of kind k holds, given its presence bits (bits past the kind's optional
// fields are ignored; decoders reject them first).
inline FieldMask present_fields(EventKind k, uint64_t bits) noexcept {
  const int kind = static_cast<int>(k);
  FieldMask present = kKindFields[kind].required | layout_detail::kPresence.low[kind][bits & 0xff];
  if (bits >>= 8) [[unlikely]] {
    FieldMask o = kKindFields[kind].optional;
    for (int i = 0; i < 8 && o; ++i) o &= o - 1;  // skip the first 8
    for (; o && bits; o &= o - 1, bits >>= 1)
      if (bits & 1) present |= o & (~o + 1);
  }
  return present;
}

}  // namespace csptrace::binary
