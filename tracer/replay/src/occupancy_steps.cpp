#include <csptrace/occupancy_steps.hpp>

namespace csptrace {

void OccupancySteps::push_back(uint32_t event, const OccupancyCounts& c) {
  if (!wide_ && !fits(c)) widen();
  w_.push_back(event);
  if (wide_) {
    w_.push_back(c.level);
    w_.push_back(c.putters);
    w_.push_back(c.takers);
  } else {
    w_.push_back(c.level | c.putters << 16 | c.takers << 24);
  }
}

void OccupancySteps::replace_back(uint32_t event, const OccupancyCounts& c) {
  if (!wide_ && !fits(c)) widen();
  uint32_t* s = w_.data() + w_.size() - (size_t{1} << shift());
  s[0] = event;
  if (wide_) {
    s[1] = c.level;
    s[2] = c.putters;
    s[3] = c.takers;
  } else {
    s[1] = c.level | c.putters << 16 | c.takers << 24;
  }
}

void OccupancySteps::widen() {
  const size_t n = size();
  w_.resize(4 * n);
  // From the last step down, so that no step is overwritten before it is read.
  for (size_t k = n; k-- > 0;) {
    const uint32_t event = w_[2 * k], packed = w_[2 * k + 1];
    uint32_t* s = w_.data() + 4 * k;
    s[0] = event;
    s[1] = packed & 0xFFFF;
    s[2] = (packed >> 16) & 0xFF;
    s[3] = packed >> 24;
  }
  wide_ = true;
}

}  // namespace csptrace
