#include <csptrace/edit_distance.hpp>

#include <algorithm>
#include <vector>

namespace csptrace {

size_t edit_distance(std::string_view a, std::string_view b) {
  // One row of the table at a time: row[j] is the distance between a's prefix and b[0, j).
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diag = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({up + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace csptrace
