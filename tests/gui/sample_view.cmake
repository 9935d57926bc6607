# Records a sample (binary encoding, where `end` is stamped when the file is closed, long after
# the run) and checks that `cspview --screenshot --view-json` opens on the run, not on the idle
# tail: the view holds the run [first, last real event] and is not much wider than it.
#   cmake -DSAMPLE=... -DCSPVIEW=... -DOUT=dir -DNAME=name -DARGS=a,b -P sample_view.cmake
include(${CMAKE_CURRENT_LIST_DIR}/record_sample.cmake)  # sets trace
execute_process(COMMAND ${CSPVIEW} ${trace} --screenshot ${OUT}/${NAME}.png --view-json ${OUT}/${NAME}.json
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NAME}: cspview --screenshot failed (${rc}): ${err}")
endif()
file(READ ${OUT}/${NAME}.json json)
foreach(key visible_ns run_ns)
  foreach(i 0 1)
    string(JSON v GET "${json}" ${key} ${i})
    string(REGEX REPLACE "\\..*$" "" v "${v}")  # whole nanoseconds are enough here
    set(${key}_${i} ${v})
  endforeach()
endforeach()
string(JSON end_ns GET "${json}" end_ns)
math(EXPR run "${run_ns_1} - ${run_ns_0}")
math(EXPR shown "${visible_ns_1} - ${visible_ns_0}")
math(EXPR slack "${run} / 50 + 2")  # rounding of the view's edges
message(STATUS "${NAME}: run ${run_ns_0}..${run_ns_1} ns, end ${end_ns}, view ${visible_ns_0}..${visible_ns_1}")
if(visible_ns_0 GREATER run_ns_0 OR visible_ns_1 LESS run_ns_1)
  message(FATAL_ERROR "${NAME}: the view ${visible_ns_0}..${visible_ns_1} does not hold the run ${run_ns_0}..${run_ns_1}")
endif()
math(EXPR widest "${run} + ${run} / 4 + ${slack}")
if(shown GREATER widest)
  message(FATAL_ERROR "${NAME}: the view is ${shown} ns wide for a run of ${run} ns: it shows the idle tail")
endif()
if(visible_ns_0 LESS 0)
  message(FATAL_ERROR "${NAME}: the view starts at negative time ${visible_ns_0}")
endif()
