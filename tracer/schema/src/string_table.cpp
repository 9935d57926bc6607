#include <csptrace/string_table.hpp>

namespace csptrace {

StringTable::StringTable() { intern(""); }

StringTable::StringTable(StringTable&&) noexcept = default;
StringTable& StringTable::operator=(StringTable&&) noexcept = default;

StrId StringTable::intern(std::string_view s) {
  if (auto it = index_.find(s); it != index_.end()) return it->second;
  auto id = static_cast<StrId>(strings_.size());
  const std::string& stored = strings_.emplace_back(s);
  index_.emplace(stored, id);
  bytes_ += stored.size();
  return id;
}

}  // namespace csptrace
