// The names a finding's explanation can mention (channels in quotes, processes bare), indexed by
// their text, so that cutting an explanation into links costs O(length x distinct name lengths)
// and not O(length x processes): with thousands of processes and as many findings the scan of
// every name at every position took the viewer seconds to minutes (issue 21).
//
// Memory: 16 bytes a name (a hash, the target and its kind), not a copy of its text: the texts
// are the document's labels, compared on a hash match. A run may have millions of processes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
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

  // doc must outlive the index (the document owns it).
  explicit NameIndex(const TraceDocument& doc);

  // Distinct name lengths, longest first ("phil-10" is tried before "phil-1").
  const std::vector<size_t>& lengths() const { return lengths_; }
  // The names spelled exactly `text`, channels first, then processes, each in index order;
  // empty when none.
  std::vector<Name> find(std::string_view text) const;

 private:
  struct Entry {
    uint64_t hash;
    uint32_t target;
    Kind kind;
  };
  // The text of a name as explanations spell it.
  bool spelled(const Entry& e, std::string_view text) const;

  const TraceDocument& doc_;
  std::vector<Entry> by_hash_;  // sorted by (hash, kind, target)
  std::vector<size_t> lengths_;
};

}  // namespace cspview
