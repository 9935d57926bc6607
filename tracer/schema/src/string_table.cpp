#include <csptrace/string_table.hpp>

#include <cstring>
#include <functional>

namespace csptrace {

namespace {

size_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }

// Length prefix: 7 bits a byte, low bits first, high bit set on every byte but the last.
size_t put_length(char* p, uint64_t n) {
  size_t k = 0;
  while (n >= 0x80) {
    p[k++] = static_cast<char>(0x80 | (n & 0x7f));
    n >>= 7;
  }
  p[k++] = static_cast<char>(n);
  return k;
}

}  // namespace

StringTable::StringTable() { intern(""); }

StringTable::StringTable(StringTable&&) noexcept = default;
StringTable& StringTable::operator=(StringTable&&) noexcept = default;
StringTable::~StringTable() = default;

uint64_t StringTable::store(std::string_view s) {
  const size_t need = s.size() + 10;  // the prefix takes at most 10 bytes
  if (need > kBlockBytes - block_used_) {
    // A string larger than a block gets a block of its own size. Not zero-filled: bytes are
    // read only where a string was stored, and zeroing 4 MiB faulted in every page of a block
    // that a small table (a dump's snapshot) barely touches.
    blocks_.push_back(
        std::make_unique_for_overwrite<char[]>(need > kBlockBytes ? need : kBlockBytes));
    block_used_ = 0;
  }
  char* p = blocks_.back().get() + block_used_;
  const uint64_t pos = (uint64_t{blocks_.size() - 1} << kOffsetBits) | block_used_;
  const size_t k = put_length(p, s.size());
  if (!s.empty()) std::memcpy(p + k, s.data(), s.size());
  block_used_ += k + s.size();
  // A block of its own is full: the next string starts a new one.
  if (need > kBlockBytes) block_used_ = kBlockBytes;
  return pos;
}

void StringTable::grow_index() {
  std::vector<uint32_t> next(index_.empty() ? 64 : index_.size() * 2, kEmpty);
  const size_t mask = next.size() - 1;
  // In id order: the strings are read where they were stored, one after another.
  for (uint32_t id = 0; id < pos_.size(); ++id) {
    size_t h = hash_of(get(id)) & mask;
    while (next[h] != kEmpty) h = (h + 1) & mask;
    next[h] = id;
  }
  index_.swap(next);
}

size_t StringTable::probe(std::string_view s, size_t hash) const {
  const size_t mask = index_.size() - 1;
  const uint64_t tag = uint64_t{hash} >> kTagShift << kTagShift;  // the hash's top 10 bits
  size_t h = hash & mask;
  for (; index_[h] != kEmpty; h = (h + 1) & mask) {
    const uint32_t id = index_[h];
    if ((pos_[id] >> kTagShift << kTagShift) == tag && get(id) == s) return h;
  }
  return h;
}

StrId StringTable::find(std::string_view s) const {
  const uint32_t id = index_[probe(s, hash_of(s))];  // the index is never empty: "" is in it
  return id == kEmpty ? kAbsent : id;
}

StrId StringTable::intern(std::string_view s) {
  if (2 * (pos_.size() + 1) > index_.size()) grow_index();
  const size_t hash = hash_of(s);
  const size_t h = probe(s, hash);
  if (index_[h] != kEmpty) return index_[h];
  const uint64_t tag = uint64_t{hash} >> kTagShift << kTagShift;
  const auto id = static_cast<StrId>(pos_.size());
  pos_.push_back(store(s) | tag);
  index_[h] = id;
  bytes_ += s.size();
  return id;
}

}  // namespace csptrace
