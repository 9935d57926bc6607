#include <csptrace/lane_density.hpp>

#include <algorithm>

namespace csptrace {

void LaneDensity::add_slow(Side side, uint32_t k, int64_t t) {
  if (!started_) {
    started_ = true;
    origin_ = t;
  }
  if (k >= kMaxLanes) return;
  std::vector<Lane>& lanes = side == Side::Process ? procs_ : chans_;
  if (k >= lanes.size()) lanes.resize(size_t{k} + 1);
  Lane& lane = lanes[k];
  // Unsigned, as a run may span up to 2^64 - 1 ns; at 2^62 ns a bucket, any span fits.
  const uint64_t since = t > origin_ ? uint64_t(t) - uint64_t(origin_) : 0;
  while (shift_ < 62 && (since >> shift_) >= kBuckets) ++shift_;
  if (lane.counts.empty()) {
    lane.counts.assign(kBuckets, 0);
    lane.shift = shift_;
  } else if (lane.shift != shift_) {
    rescale(lane);
  }
  uint32_t& c = lane.counts[std::min<uint64_t>(since >> shift_, kBuckets - 1)];
  if (c != UINT32_MAX) ++c;
}

void LaneDensity::rescale(Lane& lane) const {
  const int by = shift_ - lane.shift;
  if (by <= 0 || lane.counts.empty()) return;
  std::vector<uint32_t>& c = lane.counts;
  for (size_t b = 0; b < kBuckets; ++b) {
    const size_t to = b >> by;
    if (to == b) continue;
    const uint64_t sum = uint64_t(c[to]) + c[b];
    c[to] = uint32_t(std::min<uint64_t>(sum, UINT32_MAX));
    c[b] = 0;
  }
  lane.shift = shift_;
}

void LaneDensity::finish() {
  for (auto* lanes : {&procs_, &chans_})
    for (Lane& lane : *lanes) rescale(lane);
}

std::span<const uint32_t> LaneDensity::lane(Side side, uint32_t k) const {
  const std::vector<Lane>& lanes = side == Side::Process ? procs_ : chans_;
  if (k >= lanes.size()) return {};
  return lanes[k].counts;
}

size_t LaneDensity::memory_bytes() const {
  size_t n = (procs_.capacity() + chans_.capacity()) * sizeof(Lane);
  for (auto* lanes : {&procs_, &chans_})
    for (const Lane& lane : *lanes) n += lane.counts.capacity() * sizeof(uint32_t);
  return n;
}

}  // namespace csptrace
