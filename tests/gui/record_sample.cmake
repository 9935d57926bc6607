# Records SAMPLE (seed 7, the ARGS given as a,b) into ${OUT}/${NAME}.csptrace and sets `trace`
# to it; included by the sample_*.cmake checks.
file(MAKE_DIRECTORY ${OUT})
string(REPLACE "," ";" args "${ARGS}")
set(trace ${OUT}/${NAME}.csptrace)
execute_process(COMMAND ${SAMPLE} --seed 7 --trace ${trace} ${args}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
if(NOT EXISTS ${trace})
  message(FATAL_ERROR "${NAME}: the sample wrote no trace (exit ${rc})")
endif()
