#include <csptrace/occupancy_steps.hpp>

#include <algorithm>

namespace csptrace {

bool OccupancySteps::put_coded(size_t k, uint32_t event, const OccupancyCounts& c) {
  const size_t block = k / kBlock * kBlockWords;
  if (k % kBlock == 0 && block == w_.size()) {  // a new block, from this step's event
    if (!fits(c)) return false;
    w_.resize(w_.size() + kBlockWords);
    w_[block] = event;
  }
  const uint32_t first = w_[block];
  if (!fits(c) || event - first > UINT16_MAX) return false;
  const uint32_t word = pack(c);
  const auto ix = static_cast<size_t>(std::find(dict_.begin(), dict_.end(), word) - dict_.begin());
  if (ix == dict_.size() && ix == kMostCounts) return false;
  if (ix == dict_.size()) dict_.push_back(word);
  const auto d = static_cast<uint16_t>(event - first);
  char* b = reinterpret_cast<char*>(w_.data() + block + 1);
  std::memcpy(b + 2 * (k % kBlock), &d, sizeof d);
  b[kBlock * 2 + k % kBlock] = static_cast<char>(ix);
  return true;
}

void OccupancySteps::push_back(uint32_t event, const OccupancyCounts& c) {
  if (form_ == Form::Coded) {
    if (put_coded(n_, event, c)) {
      ++n_;
      return;
    }
    decode();
  }
  if (form_ == Form::Narrow && !fits(c)) widen();
  w_.push_back(event);
  if (form_ == Form::Wide) {
    w_.push_back(c.level);
    w_.push_back(c.putters);
    w_.push_back(c.takers);
  } else {
    w_.push_back(pack(c));
  }
  if (++n_ == kBlock && form_ == Form::Narrow && !was_coded_) code();
}

void OccupancySteps::replace_back(uint32_t event, const OccupancyCounts& c) {
  if (form_ == Form::Coded) {
    if (put_coded(n_ - 1, event, c)) return;
    decode();
  }
  if (form_ == Form::Narrow && !fits(c)) widen();
  uint32_t* s = w_.data() + w_.size() - (size_t{1} << shift());
  s[0] = event;
  if (form_ == Form::Wide) {
    s[1] = c.level;
    s[2] = c.putters;
    s[3] = c.takers;
  } else {
    s[1] = pack(c);
  }
}

void OccupancySteps::code() {
  uint32_t event[kBlock], counts[kBlock];
  for (size_t k = 0; k < kBlock; ++k) event[k] = w_[2 * k], counts[k] = w_[2 * k + 1];
  // In place: the block is shorter than the steps it codes, which are read first.
  w_.clear();
  form_ = Form::Coded;
  was_coded_ = true;
  n_ = 0;
  for (size_t k = 0; k < kBlock; ++k, ++n_)
    if (!put_coded(k, event[k], unpack(counts[k]))) {  // they do not fit: narrow as they were
      w_.clear();
      dict_ = std::vector<uint32_t>();
      form_ = Form::Narrow;
      for (size_t j = 0; j < kBlock; ++j) w_.push_back(event[j]), w_.push_back(counts[j]);
      n_ = kBlock;
      return;
    }
}

void OccupancySteps::decode() {
  HugeVector<uint32_t> narrow;
  narrow.reserve(std::max(w_.capacity(), 2 * (n_ + 1)));
  for (size_t k = 0; k < n_; ++k) {
    narrow.push_back(event(k));
    narrow.push_back(dict_[index_of(k)]);
  }
  w_ = std::move(narrow);
  dict_ = std::vector<uint32_t>();
  form_ = Form::Narrow;
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
  form_ = Form::Wide;
}

}  // namespace csptrace
