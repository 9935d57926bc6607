// The elements of a model column (IndexColumn, TimeColumn), read one by one through operator[].
#pragma once

#include <cstddef>
#include <vector>

namespace csptrace::testing {

template <class Column>
auto column_values(const Column& c) {
  std::vector<decltype(c[0])> out;
  for (size_t i = 0; i < c.size(); ++i) out.push_back(c[i]);
  return out;
}

}  // namespace csptrace::testing
