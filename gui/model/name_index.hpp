// The names a finding's explanation can mention (channels in quotes, processes bare), indexed by
// their text, so that cutting an explanation into links costs O(length x distinct name lengths)
// and not O(length x processes): with thousands of processes and as many findings the scan of
// every name at every position took the viewer seconds to minutes (issue 21).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace cspview {

class TraceDocument;

class NameIndex {
 public:
  enum class Kind : uint8_t { Channel, Process };
  struct Name {
    Kind kind;
    size_t target;  // dense channel / process index
  };

  explicit NameIndex(const TraceDocument& doc);

  // Distinct name lengths, longest first ("phil-10" is tried before "phil-1").
  const std::vector<size_t>& lengths() const { return lengths_; }
  // The names spelled exactly `text`, channels first, then processes, each in index order;
  // null when none.
  const std::vector<Name>* find(std::string_view text) const;

 private:
  // Looked up by string_view without building a string (one lookup per position and length).
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  std::unordered_map<std::string, std::vector<Name>, TextHash, std::equal_to<>> by_text_;
  std::vector<size_t> lengths_;
};

}  // namespace cspview
