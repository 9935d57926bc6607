// Tables of names and meanings generated from schema.hpp (the enumerations carry their own,
// enum_table.hpp).
#include <csptrace/schema.hpp>

#include <array>

namespace csptrace {

namespace {

struct FieldRow {
  std::string_view key, doc;
};
constexpr std::array<FieldRow, kFieldCount> kFields{{
#define CSPTRACE_FIELD_ROW(member, key, type, doc) {key, doc},
    CSPTRACE_FIELDS(CSPTRACE_FIELD_ROW)
#undef CSPTRACE_FIELD_ROW
}};

struct KindRow {
  std::string_view name, doc, example;
};
constexpr std::array<KindRow, kKindCount> kKinds{{
#define CSPTRACE_KIND_ROW(E, name, req, opt, doc, example) {name, doc, example},
    CSPTRACE_KINDS(CSPTRACE_KIND_ROW)
#undef CSPTRACE_KIND_ROW
}};

}  // namespace

std::string_view field_key(Field fl) noexcept { return kFields[static_cast<size_t>(fl)].key; }
std::string_view field_doc(Field fl) noexcept { return kFields[static_cast<size_t>(fl)].doc; }
std::optional<Field> parse_field(std::string_view key) noexcept {
  for (size_t i = 0; i < kFields.size(); ++i)
    if (kFields[i].key == key) return static_cast<Field>(i);
  return std::nullopt;
}

std::string_view to_string(EventKind k) noexcept {
  auto i = static_cast<size_t>(k);
  return i < kKinds.size() ? kKinds[i].name : std::string_view("?");
}
std::optional<EventKind> parse_EventKind(std::string_view s) noexcept {
  for (size_t i = 0; i < kKinds.size(); ++i)
    if (kKinds[i].name == s) return static_cast<EventKind>(i);
  return std::nullopt;
}
std::string_view kind_doc(EventKind k) noexcept { return kKinds[static_cast<size_t>(k)].doc; }
std::string_view kind_example(EventKind k) noexcept {
  return kKinds[static_cast<size_t>(k)].example;
}

}  // namespace csptrace
