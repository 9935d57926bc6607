#include <csptrace/lane_density.hpp>

#include <algorithm>

namespace csptrace {

void LaneDensity::start(int64_t t) {
  started_ = true;
  origin_ = t;
}

void LaneDensity::add_wider(uint32_t proc, uint32_t chan, int64_t t) {
  // Unsigned, as a run may span up to 2^64 - 1 ns; at 2^62 ns a bucket, any span fits.
  const uint64_t since = t > origin_ ? uint64_t(t) - uint64_t(origin_) : 0;
  int by = 0;
  while (shift_ + by < 62 && (since >> (shift_ + by)) >= kBuckets) ++by;
  shift_ += by;
  merge_pairs(procs_, by);
  merge_pairs(chans_, by);
  add(proc, chan, t);
}

void LaneDensity::merge_pairs(Lanes& lanes, int by) {
  if (by == 0) return;
  for (size_t k = 0; k < lanes.any.size(); ++k) {
    uint32_t* c = lanes.counts.data() + k * kBuckets;
    // Bucket b goes to b >> by < b (by >= 1): in increasing b each target has been read
    // before anything is added to it.
    for (size_t b = 1; b < kBuckets; ++b) {
      const size_t to = b >> by;
      c[to] = uint32_t(std::min<uint64_t>(uint64_t(c[to]) + c[b], UINT32_MAX));
      c[b] = 0;
    }
  }
}

std::span<const uint32_t> LaneDensity::lane(Side side, uint32_t k) const {
  const Lanes& lanes = side == Side::Process ? procs_ : chans_;
  if (k >= lanes.any.size() || !lanes.any[k]) return {};
  return {lanes.counts.data() + size_t{k} * kBuckets, kBuckets};
}

size_t LaneDensity::memory_bytes() const {
  return (procs_.counts.capacity() + chans_.counts.capacity()) * sizeof(uint32_t) +
         procs_.any.capacity() + chans_.any.capacity();
}

}  // namespace csptrace
