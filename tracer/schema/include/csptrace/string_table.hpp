// Interned strings of one trace: names, source locations, value previews, messages.
// Id 0 is always the empty string. Not thread-safe; the recorder guards its own table.
//
// Memory: a trace may hold tens of millions of distinct strings (a value preview per event), so
// a string costs its bytes plus about 20: a length prefix in an arena of large blocks, an 8-byte
// position, and a slot of 4 bytes in an open-addressing index kept at most half full. Views
// returned by get() stay valid for the table's life (blocks never move).
//
// Speed with many distinct strings (docs/reliability.md, "30 000 000 distinct strings"): a
// lookup that meets another string's slot compares a 10-bit tag of the hashes kept in the
// position before it reads that string, and the index grows by rehashing the strings in the
// order they were stored, which reads the arena front to back.
#pragma once

#include <csptrace/schema.hpp>

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace csptrace {

class StringTable {
 public:
  StringTable();
  StringTable(const StringTable&) = delete;
  StringTable& operator=(const StringTable&) = delete;
  StringTable(StringTable&&) noexcept;
  StringTable& operator=(StringTable&&) noexcept;
  ~StringTable();

  StrId intern(std::string_view s);
  // s's id, or kAbsent when s was never interned.
  static constexpr StrId kAbsent = 0xffffffffu;
  StrId find(std::string_view s) const;
  // Precondition: id < size().
  std::string_view get(StrId id) const;
  bool contains(StrId id) const { return id < pos_.size(); }
  size_t size() const { return pos_.size(); }
  size_t bytes() const { return bytes_; }

 private:
  static constexpr int kOffsetBits = 22;
  static constexpr size_t kBlockBytes = size_t{1} << kOffsetBits;
  static constexpr int kTagShift = 54;
  static constexpr uint32_t kEmpty = 0xffffffffu;  // a free slot of index_

  // Copies s (length-prefixed) into the arena; returns its position (block << 32 | offset).
  uint64_t store(std::string_view s);
  // The slot of index_ that holds s, or the free slot where it would go.
  size_t probe(std::string_view s, size_t hash) const;
  void grow_index();

  std::vector<std::unique_ptr<char[]>> blocks_;  // the arena; only the last one is filled
  size_t block_used_ = kBlockBytes;              // bytes used in blocks_.back()
  // By id: where its prefix starts, and a tag of its hash:
  // tag (10 bits) << 54 | block (32 bits) << 22 | offset in the block (< kBlockBytes).
  std::vector<uint64_t> pos_;
  std::vector<uint32_t> index_;  // ids by hash, linear probing; size 2^k
  size_t bytes_ = 0;
};

inline std::string_view StringTable::get(StrId id) const {
  const uint64_t pos = pos_[id];
  const char* p = blocks_[(pos >> kOffsetBits) & 0xffffffffu].get() + (pos & (kBlockBytes - 1));
  uint64_t n = 0;
  for (int shift = 0;; shift += 7) {
    const auto b = static_cast<uint8_t>(*p++);
    n |= uint64_t{b & 0x7fu} << shift;
    if (b < 0x80) break;
  }
  return {p, static_cast<size_t>(n)};
}

}  // namespace csptrace
