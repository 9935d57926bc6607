// Rewrites the CRC-32C checksums of a binary trace's header and of every chunk whose framing is
// intact, so that mutated bytes get past the checksums and reach the decoders behind them (with
// the checksums left as they are, nearly every mutation stops at "checksum mismatch").
#pragma once

#include <csptrace/binary_codec.hpp>

#include <cstdint>
#include <cstring>
#include <vector>

namespace csp_fuzz {

inline std::vector<uint8_t> with_fixed_checksums(const uint8_t* data, size_t size) {
  using namespace csptrace::binary;
  std::vector<uint8_t> b(data, data + size);
  if (size < kFixedHeaderBytes || std::memcmp(b.data(), kMagic, sizeof kMagic) != 0) return b;
  const uint32_t header_len = get_u32(b.data() + 12);
  if (header_len > size - kFixedHeaderBytes) return b;
  put_u32(b.data() + 16, crc32c(0, b.data() + kFixedHeaderBytes, header_len));
  size_t off = kFixedHeaderBytes + header_len;
  while (size - off >= kChunkHeaderBytes) {
    const uint32_t len = get_u32(b.data() + off);
    if (len > size - off - kChunkHeaderBytes) break;
    put_u32(b.data() + off + 4, crc32c(0, b.data() + off + kChunkHeaderBytes, len));
    off += kChunkHeaderBytes + len;
  }
  return b;
}

}  // namespace csp_fuzz
