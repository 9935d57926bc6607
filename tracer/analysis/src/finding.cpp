#include <csptrace/finding.hpp>

#include <csptrace/enum_names.hpp>

#include <array>

namespace csptrace {

CSPTRACE_DEFINE_ENUM(FindingKind, CSPTRACE_FINDING_KINDS)
CSPTRACE_DEFINE_ENUM(Severity, CSPTRACE_SEVERITIES)
CSPTRACE_DEFINE_ENUM(Strength, CSPTRACE_STRENGTHS)

namespace {
#define CSPTRACE_FINDING_DOC(E, name, doc) doc,
constexpr std::array<std::string_view, 0 CSPTRACE_FINDING_KINDS(CSPTRACE_COUNT_ONE)> kKindDocs{
    CSPTRACE_FINDING_KINDS(CSPTRACE_FINDING_DOC)};
#undef CSPTRACE_FINDING_DOC
}  // namespace

std::string_view finding_doc(FindingKind k) noexcept {
  return size_t(k) < kKindDocs.size() ? kKindDocs[size_t(k)] : std::string_view("?");
}

}  // namespace csptrace
