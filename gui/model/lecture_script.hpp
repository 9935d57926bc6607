// A lecture script: bookmarks on events, each with a title and a note, that a lecturer prepares
// once and steps through in the room. Qt-free; lecture_file.hpp reads and writes it as the
// small JSON file beside the trace.
//
// Invariants: bookmarks() is sorted by event number, then by the order they were added; titles
// are not empty (a bookmark without one is titled after its event).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cspview {

struct Bookmark {
  uint64_t event = 0;  // the event number as csptrace prints it (seq), stable across loads
  std::string title;
  std::string note;
  bool operator==(const Bookmark&) const = default;
};

class LectureScript {
 public:
  const std::vector<Bookmark>& bookmarks() const { return bookmarks_; }
  bool empty() const { return bookmarks_.empty(); }
  // Adds b in event order and returns its index; an empty title becomes "event N".
  size_t add(Bookmark b);
  void remove(size_t i);
  void clear() { bookmarks_.clear(); }
  // The bookmark titled `name`: the exact title first, else the only one equal ignoring case.
  std::optional<size_t> find(const std::string& name) const;
  // The first bookmark after event number `at` (forward) or the last before it; with no `at`
  // (the cursor before the first event) forward gives the first bookmark.
  std::optional<size_t> next(std::optional<uint64_t> at, bool forward) const;

 private:
  std::vector<Bookmark> bookmarks_;
};

}  // namespace cspview
