# cspscope_add_explore_test(NAME TARGET [RUNS n] [TIME seconds] [STRATEGY random|pct|dfs]
#                           [DEPTH d] [JOBS j] [ARGS program arguments...])
#
# Adds a ctest test NAME that explores the program TARGET (built on csp::runtime) with
# `csptrace explore` and fails when a schedule makes the analysis report an error; its output
# then names the saved trace (NAME-found.csptrace in the current binary folder), which replays
# with `TARGET --replay` and opens in cspview. Defaults: 1000 runs, random. docs/explore.md.
#
# CSPSCOPE_CSPTRACE is the csptrace to use: set by the package (installed) or the build tree.
function(cspscope_add_explore_test NAME TARGET)
  cmake_parse_arguments(E "" "RUNS;TIME;STRATEGY;DEPTH;JOBS" "ARGS" ${ARGN})
  if(E_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "cspscope_add_explore_test(${NAME}): unknown arguments "
                        "${E_UNPARSED_ARGUMENTS} (expected RUNS, TIME, STRATEGY, DEPTH, JOBS, ARGS)")
  endif()
  if(NOT CSPSCOPE_CSPTRACE)
    message(FATAL_ERROR "cspscope_add_explore_test: CSPSCOPE_CSPTRACE is not set; use "
                        "find_package(cspscope) first")
  endif()
  set(cmd ${CSPSCOPE_CSPTRACE} explore)
  foreach(option RUNS TIME STRATEGY DEPTH JOBS)  # each becomes --runs n, --time s, ...
    if(E_${option})
      string(TOLOWER ${option} flag)
      list(APPEND cmd --${flag} ${E_${option}})
    endif()
  endforeach()
  add_test(NAME ${NAME}
    COMMAND ${cmd} -o ${CMAKE_CURRENT_BINARY_DIR}/${NAME}-found.csptrace
            -- $<TARGET_FILE:${TARGET}> ${E_ARGS})
  set_tests_properties(${NAME} PROPERTIES LABELS explore)
endfunction()
