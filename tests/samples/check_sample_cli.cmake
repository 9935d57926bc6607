# A sample given a bad command line (cmake -P): SAMPLE, ARGS (comma-separated), EXPECT (a regex
# its stderr must match). It must exit 2 without running: a typo is never silently ignored
# (issue 22, point 12: every sample accepted --trace-ring 16M and ran without it).
string(REPLACE "," ";" args "${ARGS}")
execute_process(COMMAND ${SAMPLE} ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err TIMEOUT 60)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "${SAMPLE} ${ARGS}: exit ${rc}, expected 2\n${out}${err}")
endif()
if(NOT err MATCHES "${EXPECT}")
  message(FATAL_ERROR "${SAMPLE} ${ARGS}: stderr does not match '${EXPECT}':\n${err}")
endif()
if(NOT out STREQUAL "")
  message(FATAL_ERROR "${SAMPLE} ${ARGS}: it ran (stdout: ${out})")
endif()
