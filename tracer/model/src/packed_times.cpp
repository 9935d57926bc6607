#include <csptrace/packed_times.hpp>

namespace csptrace {

void PackedTimes::push_back(int64_t t) {
  if (n_ % kBlock == 0) {
    blocks_.push_back({t, bytes_.size()});
  } else {
    const auto d = static_cast<int64_t>(static_cast<uint64_t>(t) - static_cast<uint64_t>(last_));
    uint64_t z = (static_cast<uint64_t>(d) << 1) ^ static_cast<uint64_t>(d >> 63);
    while (z >= 0x80) {
      bytes_.push_back(static_cast<uint8_t>(z | 0x80));
      z >>= 7;
    }
    bytes_.push_back(static_cast<uint8_t>(z));
  }
  last_ = t;
  ++n_;
}

int64_t PackedTimes::operator[](size_t i) const {
  const Block& b = blocks_[i / kBlock];
  auto t = static_cast<uint64_t>(b.first);
  const uint8_t* p = bytes_.data() + b.at;
  for (size_t k = i % kBlock; k > 0; --k) {
    uint64_t z = 0;
    for (int shift = 0;; shift += 7) {
      const uint8_t byte = *p++;
      z |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (byte < 0x80) break;
    }
    t += (z >> 1) ^ (~(z & 1) + 1);  // zigzag back; added modulo 2^64 like push_back took it
  }
  return static_cast<int64_t>(t);
}

size_t PackedTimes::memory_bytes() const {
  return blocks_.capacity() * sizeof(Block) + bytes_.capacity();
}

}  // namespace csptrace
