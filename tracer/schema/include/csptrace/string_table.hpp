// Interned strings of one trace: names, source locations, value previews, messages.
// Id 0 is always the empty string. Not thread-safe; the recorder guards its own table.
#pragma once

#include <csptrace/schema.hpp>

#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace csptrace {

class StringTable {
 public:
  StringTable();
  StringTable(const StringTable&) = delete;
  StringTable& operator=(const StringTable&) = delete;
  StringTable(StringTable&&) noexcept;
  StringTable& operator=(StringTable&&) noexcept;

  StrId intern(std::string_view s);
  // Precondition: id < size().
  std::string_view get(StrId id) const { return strings_[id]; }
  bool contains(StrId id) const { return id < strings_.size(); }
  size_t size() const { return strings_.size(); }
  size_t bytes() const { return bytes_; }

 private:
  // deque: references stay valid as it grows, so the index may key on views into it.
  std::deque<std::string> strings_;
  std::unordered_map<std::string_view, StrId> index_;
  size_t bytes_ = 0;
};

}  // namespace csptrace
