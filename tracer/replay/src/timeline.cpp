#include <csptrace/timeline.hpp>

namespace csptrace {

size_t Timeline::first_interval_from(uint32_t p, int64_t t) const {
  const IntervalList iv = intervals(p);
  return partition_index(0, iv.size(), [&](size_t k) { return iv[k].t_end <= t; });
}

size_t Timeline::occupancy_at(uint32_t c, int64_t t) const {
  const size_t k = partition_index(
      0, occupancy_.size(c), [&](size_t j) { return model_->time(occupancy_.event(c, j)) <= t; });
  return k == 0 ? 0 : k - 1;
}

size_t Timeline::first_rendezvous_from(int64_t t) const {
  return partition_index(0, rendezvous_.size(),
                         [&](size_t k) { return model_->time(rendezvous_[k]) < t; });
}

size_t Timeline::memory_bytes() const {
  size_t bytes = interval_cause_.memory_bytes() + interval_look_.bytes_for(interval_look_.size()) +
                 looks_.size() * sizeof(uint32_t) + interval_at_.size() * sizeof(uint32_t) +
                 rendezvous_.memory_bytes();
  return bytes + occupancy_.memory_bytes();
}

}  // namespace csptrace
