#include "name_index.hpp"

#include "trace_document.hpp"

#include <algorithm>
#include <functional>
#include <string>
#include <tuple>

namespace cspview {

namespace {

uint64_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }

}  // namespace

NameIndex::NameIndex(const TraceDocument& doc) : doc_(doc) {
  const auto& m = doc.model();
  by_hash_.reserve(m.channels().size() + m.processes().size());
  auto add = [&](std::string_view text, Kind kind, uint32_t target) {
    if (text.empty()) return;
    lengths_.push_back(text.size());
    by_hash_.push_back({hash_of(text), target, kind});
  };
  for (uint32_t c = 0; c < m.channels().size(); ++c)
    add("\"" + doc.channel_label(c) + "\"", Kind::Channel, c);
  for (uint32_t p = 0; p < m.processes().size(); ++p) add(doc.process_label(p), Kind::Process, p);
  std::sort(by_hash_.begin(), by_hash_.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.hash, a.kind, a.target) < std::tie(b.hash, b.kind, b.target);
  });
  std::sort(lengths_.begin(), lengths_.end(), std::greater<>());
  lengths_.erase(std::unique(lengths_.begin(), lengths_.end()), lengths_.end());
  lengths_.shrink_to_fit();
}

bool NameIndex::spelled(const Entry& e, std::string_view text) const {
  if (e.kind == Kind::Process) return doc_.process_label(e.target) == text;
  const std::string& label = doc_.channel_label(e.target);
  return text.size() == label.size() + 2 && text.front() == '"' && text.back() == '"' &&
         text.substr(1, label.size()) == label;
}

std::vector<NameIndex::Name> NameIndex::find(std::string_view text) const {
  std::vector<Name> out;
  const uint64_t h = hash_of(text);
  auto it = std::partition_point(by_hash_.begin(), by_hash_.end(),
                                 [h](const Entry& e) { return e.hash < h; });
  for (; it != by_hash_.end() && it->hash == h; ++it)
    if (spelled(*it, text)) out.push_back({it->kind, it->target});
  return out;
}

}  // namespace cspview
