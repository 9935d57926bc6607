#include "string_log.hpp"

#include <bit>
#include <cstring>
#include <stdexcept>

namespace csptrace {

namespace {
constexpr size_t kBlockBytes = 64 * 1024;
}

StringLog::StringLog() { intern(""); }

StringLog::~StringLog() {
  for (auto& s : segments_) delete[] s.load(std::memory_order_relaxed);
}

void StringLog::locate(StrId id, int& segment, uint32_t& slot) noexcept {
  // Segment s starts at kSegmentBase * (2^s - 1).
  uint32_t q = id / kSegmentBase + 1;
  segment = std::bit_width(q) - 1;
  slot = id - kSegmentBase * ((1u << segment) - 1);
}

std::string_view StringLog::fit(std::string_view s, std::string& storage) {
  if (s.size() <= kMaxStringBytes) return s;
  const std::string mark = "\xE2\x80\xA6 [cut from " + std::to_string(s.size()) + " bytes]";
  size_t keep = kMaxStringBytes - mark.size();
  // Not inside a character: back up over continuation bytes to the start of the one cut.
  while (keep > 0 && (static_cast<unsigned char>(s[keep]) & 0xC0) == 0x80) --keep;
  storage.assign(s.substr(0, keep));
  storage += mark;
  return storage;
}

StrId StringLog::intern(std::string_view text) {
  std::string storage;
  const std::string_view s = fit(text, storage);
  std::lock_guard lock(mu_);
  if (auto it = index_.find(s); it != index_.end()) return it->second;
  const uint32_t id = published_.load(std::memory_order_relaxed);
  int segment;
  uint32_t slot;
  locate(id, segment, slot);
  if (segment >= kSegments) throw std::length_error("trace string table is full");
  Entry* seg = segments_[segment].load(std::memory_order_relaxed);
  if (!seg) {
    seg = new Entry[size_t{kSegmentBase} << segment];
    segments_[segment].store(seg, std::memory_order_relaxed);
  }
  char* dst;
  if (s.size() > block_left_) {
    size_t n = std::max(kBlockBytes, s.size());
    blocks_.push_back(std::make_unique<char[]>(n));
    block_pos_ = blocks_.back().get();
    block_left_ = n;
  }
  dst = block_pos_;
  if (!s.empty()) std::memcpy(dst, s.data(), s.size());
  block_pos_ += s.size();
  block_left_ -= s.size();
  seg[slot] = Entry{dst, static_cast<uint32_t>(s.size())};
  index_.emplace(std::string_view(dst, s.size()), id);
  published_.store(id + 1, std::memory_order_release);
  return id;
}

std::string_view StringLog::get(StrId id) const noexcept {
  int segment;
  uint32_t slot;
  locate(id, segment, slot);
  const Entry& e = segments_[segment].load(std::memory_order_acquire)[slot];
  return {e.data, e.size};
}

}  // namespace csptrace
