# No source file past LIMIT lines (STYLE.md: past ~400 a file asks to be split). (cmake -P)
#   ROOT  the source tree;  LIMIT  the most lines a .cpp / .hpp may have
file(GLOB_RECURSE sources RELATIVE "${ROOT}"
     "${ROOT}/runtime/*.cpp" "${ROOT}/runtime/*.hpp" "${ROOT}/tracer/*.cpp" "${ROOT}/tracer/*.hpp"
     "${ROOT}/gui/*.cpp" "${ROOT}/gui/*.hpp" "${ROOT}/samples/*.cpp" "${ROOT}/samples/*.hpp"
     "${ROOT}/tests/*.cpp" "${ROOT}/tests/*.hpp" "${ROOT}/bench/*.cpp" "${ROOT}/bench/*.hpp")
set(big)
foreach(f IN LISTS sources)
  file(READ "${ROOT}/${f}" text)
  string(REGEX REPLACE "[^\n]" "" newlines "${text}")
  string(LENGTH "${newlines}" n)
  if(n GREATER LIMIT)
    list(APPEND big "${f}: ${n} lines")
  endif()
endforeach()
if(big)
  string(REPLACE ";" "\n  " list "${big}")
  message(FATAL_ERROR "files over ${LIMIT} lines; split them by responsibility:\n  ${list}")
endif()
