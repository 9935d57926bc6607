# A traced program links only the recording side of the tracer, and the reader for --replay
# (which reads a trace's decisions): no replay, analysis or export symbol may be in it.
# (cmake -P)   BINARY  a linked sample
execute_process(COMMAND nm -C "${BINARY}" OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nm -C ${BINARY} failed (${rc})")
endif()
if(NOT symbols MATCHES "csptrace::BinaryRecorder")
  message(FATAL_ERROR "${BINARY} has no csptrace::BinaryRecorder: the check is not reading it right")
endif()
foreach(forbidden "csptrace::analyze" "csptrace::judge" "csptrace::Replay" "csptrace::advance"
                  "csptrace::WaitGraph" "csptrace::Timeline" "csptrace::export_"
                  "csptrace::ScheduleTree" "csptrace::explore")
  string(FIND "${symbols}" "${forbidden}" at)
  if(NOT at EQUAL -1)
    message(FATAL_ERROR "${BINARY} contains ${forbidden}: the runtime must link only the "
                        "recording side (csp::trace_record) and the reader (csp::trace_model)")
  endif()
endforeach()
message(STATUS "${BINARY}: recording side and reader only")
