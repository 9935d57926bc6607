#include "interval_slots.hpp"

#include <csptrace/huge_page_allocator.hpp>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

namespace csptrace {

IntervalSlots::IntervalSlots(const std::vector<uint64_t>& most)
    : region_at_(most.size() + 1, 0), used_(most.size(), 0) {
  std::fill(std::begin(recent_ix_), std::end(recent_ix_), kNoIndex);
  for (size_t p = 0; p < most.size(); ++p) {
    const uint64_t m = most[p];
    const uint64_t bytes =
        m <= kBlock ? m * kPendingBytes
                    : sizeof(uint64_t) + (m - 1) / kBlock * kMaxBlockBytes + kBlock * kPendingBytes;
    region_at_[p + 1] = region_at_[p] + bytes;
  }
  // Address space for every region; only the pages written are memory.
  bytes_ = reinterpret_cast<char*>(store_.reserve_tail(region_at_.back() / sizeof(uint64_t)));
}

uint64_t IntervalSlots::pending_at(uint32_t p) const {
  if (!coding(p)) return region_at_[p];
  if (used_[p] <= kBlock) return region_at_[p] + sizeof(uint64_t);
  uint64_t at;
  std::memcpy(&at, bytes_ + region_at_[p], sizeof at);
  return at;
}

void IntervalSlots::append(uint32_t p, uint32_t cause, uint32_t look) {
  uint32_t& used = used_[p];
  uint32_t n = pending_count(used);
  uint64_t start;
  if (n == kBlock && coding(p)) {
    start = code_block(p);
    n = 0;
  } else {
    start = pending_at(p);
  }
  const uint64_t at = start + uint64_t{n} * kPendingBytes;
  if (n == kBlock || at + kPendingBytes > region_at_[p + 1] || used == UINT32_MAX)
    throw std::logic_error("timeline: more state changes of process " + std::to_string(p) +
                           " than events that name it");  // their count says this cannot be
  const uint32_t e[2] = {cause, look};
  std::memcpy(bytes_ + at, e, sizeof e);
  ++used;
}

uint32_t IntervalSlots::look_index(uint32_t look) {
  const size_t h = (look ^ look >> 7 ^ look >> 27) % kRecent;
  if (recent_ix_[h] != kNoIndex && recent_look_[h] == look) return recent_ix_[h];
  const auto [it, added] = look_at_.try_emplace(look, static_cast<uint32_t>(looks_.size()));
  if (added) looks_.push_back(look);
  recent_look_[h] = look;
  recent_ix_[h] = it->second;
  return it->second;
}

namespace {

template <class N>
void put(char*& out, const uint32_t* from, size_t n, uint32_t minus) {
  for (size_t k = 0; k < n; ++k) {
    const N v = static_cast<N>(from[k] - minus);
    std::memcpy(out, &v, sizeof v);
    out += sizeof v;
  }
}

void put_width(char*& out, const uint32_t* from, size_t n, uint32_t minus, unsigned width) {
  if (width == 1) return put<uint8_t>(out, from, n, minus);
  if (width == 2) return put<uint16_t>(out, from, n, minus);
  put<uint32_t>(out, from, n, minus);
}

template <class N>
uint32_t get(const char* at, size_t k) {
  N v;
  std::memcpy(&v, at + k * sizeof v, sizeof v);
  return v;
}

uint32_t get_width(const char* at, size_t k, unsigned width) {
  if (width == 1) return get<uint8_t>(at, k);
  if (width == 2) return get<uint16_t>(at, k);
  return get<uint32_t>(at, k);
}

unsigned width_for(uint32_t largest, bool byte_allowed) {
  if (byte_allowed && largest <= UINT8_MAX) return 1;
  return largest <= UINT16_MAX ? 2 : 4;
}

}  // namespace

uint64_t IntervalSlots::code_block(uint32_t p) {
  uint32_t cause[kBlock], look[kBlock];
  char* at = bytes_ + pending_at(p);
  for (uint32_t k = 0; k < kBlock; ++k) {
    std::memcpy(&cause[k], at + k * kPendingBytes, 4);
    uint32_t raw;
    std::memcpy(&raw, at + k * kPendingBytes + 4, 4);
    look[k] = look_index(raw);
  }
  const Header h{cause[0], static_cast<uint8_t>(width_for(cause[kBlock - 1] - cause[0], false)),
                 static_cast<uint8_t>(width_for(*std::max_element(look, look + kBlock), true)), 0};
  // The block is no longer than the pending intervals it codes were, and they are read first.
  std::memcpy(at, &h, sizeof h);
  char* out = at + sizeof h;
  put_width(out, cause, kBlock, h.first, h.cause_width);
  put_width(out, look, kBlock, 0, h.look_width);
  const auto next = static_cast<uint64_t>(out - bytes_);
  std::memcpy(bytes_ + region_at_[p], &next, sizeof next);
  return next;
}

void IntervalSlots::finish_into(PackedIndices& causes, IndexColumn& look_ix,
                                std::vector<uint32_t>& looks, std::vector<uint32_t>& at) && {
  const size_t P = used_.size();
  uint64_t total = 0;
  for (uint32_t u : used_) total += u;
  if (total > std::numeric_limits<uint32_t>::max())  // 32 GB of slots: never held
    throw std::length_error("the timeline has more than 4 294 967 295 state intervals");
  causes.reserve(total);
  look_ix.reserve(total);
  at.assign(P + 1, 0);
  // Every megabyte of slots read is given back.
  constexpr uint64_t kPiece = uint64_t{1} << 20;
  uint64_t released = 0;  // bytes below this are given back
  auto give_back = [&](uint64_t upto) {
    if (upto - released < kPiece) return;
    huge_pages::release(bytes_ + released, size_t(upto - released));
    released = upto;
  };
  uint64_t to = 0;
  for (size_t p = 0; p < P; ++p) {
    at[p] = static_cast<uint32_t>(to);
    const uint32_t used = used_[p];
    uint64_t pos = region_at_[p] + (coding(p) ? sizeof(uint64_t) : 0);
    for (uint32_t b = 0; used > 0 && b < (used - 1) / kBlock; ++b) {
      Header h;
      std::memcpy(&h, bytes_ + pos, sizeof h);
      const char* c = bytes_ + pos + sizeof h;
      const char* l = c + kBlock * h.cause_width;
      for (uint32_t k = 0; k < kBlock; ++k) {
        causes.push_back(h.first + get_width(c, k, h.cause_width));
        look_ix.push_back(get_width(l, k, h.look_width));
      }
      pos = static_cast<uint64_t>(l + kBlock * h.look_width - bytes_);
      give_back(pos);
    }
    for (uint32_t k = 0; k < pending_count(used); ++k, pos += kPendingBytes) {
      causes.push_back(word(pos));
      look_ix.push_back(look_index(word(pos + 4)));
    }
    to += used;
    give_back(region_at_[p + 1]);
  }
  at[P] = static_cast<uint32_t>(to);
  causes.finish();
  look_ix.shrink_to_fit();
  looks = std::move(looks_);
  store_ = SharedColumn<uint64_t>();
  bytes_ = nullptr;
}

}  // namespace csptrace
