#include <csptrace/packed_indices.hpp>

#include <algorithm>

namespace csptrace {

PackedIndices::PackedIndices(std::span<const uint32_t> all) {
  reserve(all.size());
  for (uint32_t v : all) push_back(v);
  finish();
}

void PackedIndices::reserve(size_t n) {
  distances_.reserve(n);
  blocks_.reserve((n + kBlock - 1) / kBlock);
}

void PackedIndices::code_pending() {
  const auto [lo, hi] = std::minmax_element(pending_.begin(), pending_.end());
  Block block;
  block.base = *lo;
  if (*hi - *lo > UINT16_MAX) {
    block.wide_at = static_cast<uint32_t>(wide_.size());
    wide_.insert(wide_.end(), pending_.begin(), pending_.end());
    distances_.resize(distances_.size() + pending_.size());  // unread: the block is wide
  } else {
    for (uint32_t v : pending_) distances_.push_back(static_cast<uint16_t>(v - *lo));
  }
  blocks_.push_back(block);
  pending_.clear();
}

}  // namespace csptrace
