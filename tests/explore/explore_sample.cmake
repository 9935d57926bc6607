# One exploration of a program, end to end (cmake -P):
#   CSPTRACE  csptrace;  PROGRAM  the program;  ARGS  its arguments (comma-separated)
#   EXPECT    "found": exploration must find an error finding, save a trace that
#             `csptrace check` flags, and that replays REPLAYS times to the same
#             `print --no-time`; "clean": no error finding in RUNS runs
#   STRATEGY, RUNS, EXTRA (more explore options, comma-separated), OUT (a work folder), NAME
string(REPLACE "," ";" args "${ARGS}")
string(REPLACE "," ";" extra "${EXTRA}")
file(MAKE_DIRECTORY ${OUT})
set(found ${OUT}/${NAME}.csptrace)
file(REMOVE ${found})

execute_process(
  COMMAND ${CSPTRACE} explore --strategy ${STRATEGY} --runs ${RUNS} ${extra} -o ${found}
          -- ${PROGRAM} ${args}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "csptrace explore (${STRATEGY}, ${RUNS} runs) -> ${rc}\n${out}${err}")

if(EXPECT STREQUAL "clean")
  if(NOT rc EQUAL 0 OR NOT out MATCHES "no error finding")
    message(FATAL_ERROR "expected no error finding in ${RUNS} runs")
  endif()
  return()
endif()

if(NOT rc EQUAL 1 OR NOT out MATCHES "found in run" OR NOT EXISTS ${found})
  message(FATAL_ERROR "expected exploration to find an error finding and save ${found}")
endif()
execute_process(COMMAND ${CSPTRACE} check ${found} RESULT_VARIABLE rc OUTPUT_VARIABLE check)
if(NOT rc EQUAL 1 OR NOT check MATCHES "error: ")
  message(FATAL_ERROR "csptrace check does not flag the saved trace (${rc}):\n${check}")
endif()
execute_process(COMMAND ${CSPTRACE} print --no-time ${found} OUTPUT_VARIABLE original
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "csptrace print ${found} failed (${rc})")
endif()
foreach(i RANGE 1 ${REPLAYS})
  set(again ${OUT}/${NAME}.replay.csptrace)
  file(REMOVE ${again})
  execute_process(COMMAND ${PROGRAM} ${args} --replay ${found} --trace ${again}
                  RESULT_VARIABLE prc OUTPUT_VARIABLE pout ERROR_VARIABLE perr)
  execute_process(COMMAND ${CSPTRACE} print --no-time ${again} OUTPUT_VARIABLE replayed)
  if(NOT replayed STREQUAL original)
    message(FATAL_ERROR "replay ${i} of ${found} differs from the original (program exit "
                        "${prc}: ${pout}${perr})")
  endif()
endforeach()
message(STATUS "found, flagged by check, replayed ${REPLAYS} times identically")
