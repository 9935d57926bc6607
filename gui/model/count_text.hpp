// Counts as people read them aloud: "1,234,567" (fold marks, match counts, event totals).
#pragma once

#include <cstdint>
#include <string>

namespace cspview {

std::string count_text(uint64_t n);

}  // namespace cspview
