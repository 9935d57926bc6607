# Installs the build tree into a prefix, builds tests/runtime/install_consumer against it with
# find_package(cspscope), runs it traced (CSP_TRACE) and validates the trace.
# Variables: BUILD_DIR, SOURCE_DIR, WORK_DIR, CSPTRACE, GENERATOR, CXX, SANITIZE (as CSP_SANITIZE).
set(prefix ${WORK_DIR}/prefix)
set(san_flags "")
if(SANITIZE)
  string(REPLACE ";" "," san "${SANITIZE}")
  set(san_flags "-fsanitize=${san}")
endif()
file(REMOVE_RECURSE ${WORK_DIR})

function(step)
  execute_process(COMMAND ${ARGV} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGV}\n${out}\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

step(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
step(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/build -G ${GENERATOR}
     -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=Release
     "-DCMAKE_CXX_FLAGS=${san_flags}" "-DCMAKE_EXE_LINKER_FLAGS=${san_flags}")
step(${CMAKE_COMMAND} --build ${WORK_DIR}/build)
set(ENV{CSP_TRACE} ${WORK_DIR}/consumer.jsonl)
step(${WORK_DIR}/build/consumer)
unset(ENV{CSP_TRACE})
if(NOT step_output MATCHES "consumer: 3")
  message(FATAL_ERROR "unexpected output of the consumer: ${step_output}")
endif()
step(${CSPTRACE} validate ${WORK_DIR}/consumer.jsonl)
# cspscope_add_explore_test() from the installed package: the test exists and passes.
step(${CMAKE_CTEST_COMMAND} --test-dir ${WORK_DIR}/build -R consumer_explore --output-on-failure)
if(NOT step_output MATCHES "100% tests passed")
  message(FATAL_ERROR "the explore test of the installed package did not pass: ${step_output}")
endif()
message(STATUS "installed package works: ${step_output}")
