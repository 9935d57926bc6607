// The traces under tests/ that load: the hand-written fixtures, and the fuzz corpora's traces
// that load (recorded samples and fixtures in both encodings; the rest of the corpora are meant
// to be refused). Sorted by path. For properties that must hold on every real trace we have.
#pragma once

#include <string>
#include <vector>

namespace csptrace::testing {

std::vector<std::string> loadable_traces();

}  // namespace csptrace::testing
