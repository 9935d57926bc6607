#include <csptrace/timeline.hpp>

#include <algorithm>

namespace csptrace {

size_t Timeline::first_interval_from(uint32_t p, int64_t t) const {
  const auto iv = intervals(p);
  return std::partition_point(iv.begin(), iv.end(),
                              [t](const StateInterval& s) { return s.t_end <= t; }) -
         iv.begin();
}

size_t Timeline::occupancy_at(uint32_t c, int64_t t) const {
  const auto& occ = occupancy_[c];
  auto it = std::partition_point(occ.begin(), occ.end(),
                                 [t](const OccupancyStep& s) { return s.t <= t; });
  return it == occ.begin() ? 0 : size_t(it - occ.begin()) - 1;
}

size_t Timeline::first_rendezvous_from(int64_t t) const {
  return std::partition_point(rendezvous_.begin(), rendezvous_.end(),
                              [t](const Rendezvous& r) { return r.t < t; }) -
         rendezvous_.begin();
}

}  // namespace csptrace
