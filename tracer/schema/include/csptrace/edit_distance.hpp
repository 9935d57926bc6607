#pragma once
// The edit distance behind every "did you mean ...?" (csptrace's options and verbs, cspview's
// options, the runtime's and the samples' flags): one definition, so that every tool suggests
// the same way.
#include <cstddef>
#include <string_view>

namespace csptrace {

// Levenshtein distance: insertions, deletions and substitutions of single bytes.
size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace csptrace
