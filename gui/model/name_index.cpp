#include "name_index.hpp"

#include "trace_document.hpp"

#include <algorithm>
#include <functional>

namespace cspview {

NameIndex::NameIndex(const TraceDocument& doc) {
  const auto& m = doc.model();
  auto add = [&](std::string text, Kind kind, size_t target) {
    if (text.empty()) return;
    lengths_.push_back(text.size());
    by_text_[std::move(text)].push_back({kind, target});
  };
  for (uint32_t c = 0; c < m.channels().size(); ++c)
    add("\"" + doc.channel_label(c) + "\"", Kind::Channel, c);
  for (uint32_t p = 0; p < m.processes().size(); ++p) add(doc.process_label(p), Kind::Process, p);
  std::sort(lengths_.begin(), lengths_.end(), std::greater<>());
  lengths_.erase(std::unique(lengths_.begin(), lengths_.end()), lengths_.end());
}

const std::vector<NameIndex::Name>* NameIndex::find(std::string_view text) const {
  auto it = by_text_.find(text);
  return it == by_text_.end() ? nullptr : &it->second;
}

}  // namespace cspview
