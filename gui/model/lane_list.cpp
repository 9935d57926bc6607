#include "lane_list.hpp"

#include <algorithm>

namespace cspview {

PackedLanes::PackedLanes(std::span<const uint32_t> all) {
  distances_.resize(all.size());
  blocks_.resize((all.size() + kBlock - 1) / kBlock);
  for (size_t b = 0; b < blocks_.size(); ++b) {
    const std::span<const uint32_t> in =
        all.subspan(b * kBlock, std::min(kBlock, all.size() - b * kBlock));
    const auto [lo, hi] = std::minmax_element(in.begin(), in.end());
    Block& block = blocks_[b];
    block.base = *lo;
    if (*hi - *lo > UINT16_MAX) {
      block.wide_at = static_cast<uint32_t>(wide_.size());
      wide_.insert(wide_.end(), in.begin(), in.end());
      continue;
    }
    for (size_t k = 0; k < in.size(); ++k)
      distances_[b * kBlock + k] = static_cast<uint16_t>(in[k] - *lo);
  }
}

}  // namespace cspview
