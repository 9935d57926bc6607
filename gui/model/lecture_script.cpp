#include "lecture_script.hpp"

#include <algorithm>
#include <cctype>

namespace cspview {

size_t LectureScript::add(Bookmark b) {
  if (b.title.empty()) b.title = "event " + std::to_string(b.event);
  auto it = std::upper_bound(bookmarks_.begin(), bookmarks_.end(), b.event,
                             [](uint64_t e, const Bookmark& x) { return e < x.event; });
  return size_t(bookmarks_.insert(it, std::move(b)) - bookmarks_.begin());
}

void LectureScript::remove(size_t i) {
  if (i < bookmarks_.size()) bookmarks_.erase(bookmarks_.begin() + long(i));
}

std::optional<size_t> LectureScript::find(const std::string& name) const {
  for (size_t i = 0; i < bookmarks_.size(); ++i)
    if (bookmarks_[i].title == name) return i;
  auto lower = [](std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return s;
  };
  std::optional<size_t> found;
  for (size_t i = 0; i < bookmarks_.size(); ++i)
    if (lower(bookmarks_[i].title) == lower(name)) {
      if (found) return std::nullopt;  // ambiguous: two titles differ only in case
      found = i;
    }
  return found;
}

std::optional<size_t> LectureScript::next(std::optional<uint64_t> at, bool forward) const {
  if (bookmarks_.empty()) return std::nullopt;
  if (!at) return forward ? std::optional<size_t>(0) : std::nullopt;
  if (forward) {
    for (size_t i = 0; i < bookmarks_.size(); ++i)
      if (bookmarks_[i].event > *at) return i;
    return std::nullopt;
  }
  for (size_t i = bookmarks_.size(); i-- > 0;)
    if (bookmarks_[i].event < *at) return i;
  return std::nullopt;
}

}  // namespace cspview
