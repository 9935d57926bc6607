// Back / forward through the places the user looked at, like a browser: visiting a new place
// drops the forward part. Holds any copyable view value (the timeline stores TimeScale).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace cspview {

template <class View>
class NavigationHistory {
 public:
  explicit NavigationHistory(size_t limit = 100) : limit_(limit) {}

  // Records that the user left `current` for somewhere else.
  void visit(const View& current) {
    back_.push_back(current);
    if (back_.size() > limit_) back_.erase(back_.begin());
    forward_.clear();
  }
  bool can_back() const { return !back_.empty(); }
  bool can_forward() const { return !forward_.empty(); }
  // Where to go back to from `current`, which becomes the forward entry.
  std::optional<View> back(const View& current) { return step(back_, forward_, current); }
  std::optional<View> forward(const View& current) { return step(forward_, back_, current); }
  void clear() { back_.clear(), forward_.clear(); }

 private:
  static std::optional<View> step(std::vector<View>& from, std::vector<View>& to, const View& cur) {
    if (from.empty()) return std::nullopt;
    View v = from.back();
    from.pop_back();
    to.push_back(cur);
    return v;
  }
  size_t limit_;
  std::vector<View> back_, forward_;
};

}  // namespace cspview
