#include <csptrace/packed_occupancy.hpp>

#include <algorithm>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <tuple>

namespace csptrace {

namespace {

// The dictionaries' order; an object, not a function, so that sort and merge inline it.
constexpr struct {
  bool operator()(const OccupancyCounts& a, const OccupancyCounts& b) const {
    return std::tie(a.level, a.putters, a.takers) < std::tie(b.level, b.putters, b.takers);
  }
} less;

// Adds the sorted, unique `more` to the sorted, unique `dict`.
void merge_into(std::vector<OccupancyCounts>& dict, std::vector<OccupancyCounts>& more) {
  std::sort(more.begin(), more.end(), less);
  more.erase(std::unique(more.begin(), more.end()), more.end());
  std::vector<OccupancyCounts> both;
  both.reserve(dict.size() + more.size());
  std::set_union(dict.begin(), dict.end(), more.begin(), more.end(), std::back_inserter(both),
                 less);
  dict.swap(both);
  more.clear();
}

// The distinct counts of a channel's steps, sorted; or nothing if there are more than `most`
// (the channel is then kept whole). Most channels have a handful (a rendezvous channel: nobody,
// a putter, a taker), kept in a small sorted list as they come; past kSmall the rest is sorted
// in pieces, each at least as large as the list so far, and merged, so a large dictionary costs
// O(n log n) and a scratch piece no larger than itself, never a copy of all the steps.
std::optional<std::vector<OccupancyCounts>> dictionary(const OccupancySteps& steps, size_t most) {
  constexpr size_t kSmall = 64, kMinPiece = size_t{1} << 16;
  std::vector<OccupancyCounts> dict, piece;
  OccupancyCounts last{~0u, ~0u, ~0u};
  for (size_t k = 0; k < steps.size(); ++k) {
    const OccupancyCounts c = steps.counts(k);
    if (c == last) continue;
    last = c;
    if (piece.empty() && dict.size() < kSmall) {
      const auto at = std::lower_bound(dict.begin(), dict.end(), c, less);
      if (at == dict.end() || !(*at == c)) dict.insert(at, c);
      continue;
    }
    piece.push_back(c);
    if (piece.size() >= std::max(kMinPiece, dict.size())) merge_into(dict, piece);
    if (dict.size() > most) return std::nullopt;
  }
  if (!piece.empty()) merge_into(dict, piece);
  if (dict.size() > most) return std::nullopt;
  return dict;
}

// The index of c in dict (sorted, holding c), searched outwards from `near`: a channel's
// consecutive counts are mostly neighbours in it (a putter more, a value fewer), so this costs
// O(log distance), not a binary search's cache misses over a dictionary of millions.
uint32_t index_near(const std::vector<OccupancyCounts>& dict, const OccupancyCounts& c,
                    size_t near) {
  size_t lo = near, hi = near + 1;  // c is in [lo, hi) once the gallop stops
  if (less(c, dict[near])) {
    for (size_t step = 1; lo > 0 && less(c, dict[lo]); step *= 2) {
      hi = lo;
      lo = lo > step ? lo - step : 0;
    }
  } else {
    for (size_t step = 1; hi < dict.size() && !less(c, dict[hi]); step *= 2) {
      lo = hi;
      hi = std::min(dict.size(), hi + step);
    }
  }
  return static_cast<uint32_t>(std::lower_bound(dict.begin() + std::ptrdiff_t(lo),
                                                dict.begin() + std::ptrdiff_t(hi), c, less) -
                               dict.begin());
}

}  // namespace

void PackedOccupancy::reserve(size_t channels, size_t steps) {
  step_at_.reserve(channels + 1);
  look_at_.reserve(channels + 1);
  whole_at_.reserve(channels);
  events_.reserve(steps);
  look_ix_.reserve(steps);
}

void PackedOccupancy::add_channel(OccupancySteps&& steps) {
  // Packed, a step costs about 3 bytes and a distinct count 12: past one distinct count in 8
  // steps (and a few hundred, which any channel may have) the dictionary stops paying.
  const size_t most = std::max<size_t>(256, steps.size() / 8);
  std::optional<std::vector<OccupancyCounts>> dict = dictionary(steps, most);
  if (!dict) {
    whole_at_.push_back(static_cast<uint32_t>(whole_.size()));
    whole_.push_back(std::move(steps));
    step_at_.push_back(step_at_.back());
    look_at_.push_back(look_at_.back());
    return;
  }
  OccupancyCounts last{~0u, ~0u, ~0u};
  uint32_t last_ix = 0;
  for (size_t k = 0; k < steps.size(); ++k) {
    events_.push_back(steps.event(k));
    const OccupancyCounts c = steps.counts(k);
    if (!(c == last)) {
      last = c;
      last_ix = index_near(*dict, c, last_ix);
    }
    look_ix_.push_back(last_ix);
  }
  looks_.insert(looks_.end(), dict->begin(), dict->end());
  step_at_.push_back(step_at_.back() + steps.size());
  look_at_.push_back(looks_.size());
  whole_at_.push_back(kPacked);
  steps = OccupancySteps();  // given back now, not when the caller lets go of it
}

void PackedOccupancy::finish() {
  events_.finish();
  whole_.shrink_to_fit();
  look_ix_.shrink_to_fit();
  looks_.shrink_to_fit();
}

size_t PackedOccupancy::memory_bytes() const {
  size_t whole_bytes = 0;
  for (const OccupancySteps& w : whole_) whole_bytes += w.memory_bytes();
  return events_.memory_bytes() + look_ix_.bytes_for(look_ix_.size()) +
         looks_.size() * sizeof(OccupancyCounts) +
         (step_at_.size() + look_at_.size()) * sizeof(uint64_t) +
         whole_at_.size() * sizeof(uint32_t) + whole_bytes;
}

}  // namespace csptrace
