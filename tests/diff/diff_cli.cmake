# csptrace diff's command line (cmake -P): CSPTRACE the executable, FIXTURES the fixture folder.
# A file that cannot be read, a missing operand and an unknown option each exit 2 with a message
# naming the file or the option; --help exits 0; a trace against itself exits 0.
cmake_minimum_required(VERSION 3.25)

function(expect rc pattern)
  execute_process(COMMAND ${CSPTRACE} diff ${ARGN} RESULT_VARIABLE got OUTPUT_VARIABLE out
                  ERROR_VARIABLE err TIMEOUT 30)
  if(NOT got STREQUAL "${rc}")
    message(FATAL_ERROR "csptrace diff ${ARGN}: exit ${got}, expected ${rc}\n${out}\n${err}")
  endif()
  if(NOT "${out}${err}" MATCHES "${pattern}")
    message(FATAL_ERROR "csptrace diff ${ARGN}: expected output matching '${pattern}'\n${out}\n${err}")
  endif()
endfunction()

set(hotdog ${FIXTURES}/hotdog.jsonl)
expect(2 "no-such-file.jsonl: cannot open" ${hotdog} no-such-file.jsonl)
expect(2 "expected two trace files A and B, got 1" ${hotdog})
expect(2 "unknown option --contxt; did you mean --context\\?" --contxt 3 ${hotdog} ${hotdog})
expect(2 "--context takes a number of steps" --context x ${hotdog} ${hotdog})
expect(2 "A and B cannot both be standard input" - -)
expect(0 "usage: csptrace diff" --help)
expect(0 "the runs are equivalent" ${hotdog} ${hotdog})
