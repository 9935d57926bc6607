// Tables generated from schema.hpp; the only place kind and field names become strings.
#include <csptrace/schema.hpp>

#include <csptrace/enum_names.hpp>

#include <array>

namespace csptrace {


CSPTRACE_DEFINE_ENUM(ProcMode, CSPTRACE_PROC_MODES)
CSPTRACE_DEFINE_ENUM(BufferKind, CSPTRACE_BUFFER_KINDS)
CSPTRACE_DEFINE_ENUM(WaitOp, CSPTRACE_WAIT_OPS)
CSPTRACE_DEFINE_ENUM(Via, CSPTRACE_VIAS)
CSPTRACE_DEFINE_ENUM(AltRule, CSPTRACE_ALT_RULES)
CSPTRACE_DEFINE_ENUM(ExitStatus, CSPTRACE_EXIT_STATUSES)
CSPTRACE_DEFINE_ENUM(EndReason, CSPTRACE_END_REASONS)

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
#define CSPTRACE_KIND_ROW(E, name, req, opt, doc, example) \
  {name, doc, example},
    CSPTRACE_KINDS(CSPTRACE_KIND_ROW)
#undef CSPTRACE_KIND_ROW
}};

// A field may not be both required and optional for one kind.
constexpr bool kinds_consistent() {
  for (int k = 0; k < kKindCount; ++k)
    if (const KindFields fields = kind_fields(EventKind(k)); fields.required & fields.optional)
      return false;
  return true;
}
static_assert(kinds_consistent(), "a kind lists a field as both required and optional");

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
