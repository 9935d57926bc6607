#include <csptrace/finding.hpp>

#include <array>

namespace csptrace {

namespace {

struct Row {
  std::string_view name, doc;
};
#define CSPTRACE_FINDING_ROW(E, name, doc) Row{name, doc},
constexpr std::array kKinds{CSPTRACE_FINDING_KINDS(CSPTRACE_FINDING_ROW)};
constexpr std::array kSeverities{CSPTRACE_SEVERITIES(CSPTRACE_FINDING_ROW)};
constexpr std::array kStrengths{CSPTRACE_STRENGTHS(CSPTRACE_FINDING_ROW)};
#undef CSPTRACE_FINDING_ROW

template <size_t N>
std::string_view name_of(const std::array<Row, N>& rows, size_t i) {
  return i < N ? rows[i].name : std::string_view("?");
}

}  // namespace

std::string_view to_string(FindingKind k) noexcept { return name_of(kKinds, size_t(k)); }
std::string_view to_string(Severity s) noexcept { return name_of(kSeverities, size_t(s)); }
std::string_view to_string(Strength s) noexcept { return name_of(kStrengths, size_t(s)); }

std::string_view finding_doc(FindingKind k) noexcept {
  return size_t(k) < kKinds.size() ? kKinds[size_t(k)].doc : std::string_view("?");
}

std::optional<FindingKind> parse_FindingKind(std::string_view s) noexcept {
  for (size_t i = 0; i < kKinds.size(); ++i)
    if (kKinds[i].name == s) return static_cast<FindingKind>(i);
  return std::nullopt;
}

}  // namespace csptrace
