# Writes a man page from a program's own --help (help2man), so it never drifts from the
# program. For csptrace the help of every verb goes in too.
#   cmake -DPROGRAM=path -DNAME=csptrace -DSUMMARY="..." -DVERSION=0.1.0 [-DVERBS=a,b] -DOUT=file.1
#         -P man_page.cmake
find_program(HELP2MAN help2man)
if(NOT HELP2MAN)
  message(FATAL_ERROR "help2man is needed for the man pages: apt-get install help2man")
endif()
set(include_file ${OUT}.include)
file(WRITE ${include_file} "[SEE ALSO]\ncsptrace(1), cspview(1); the cspscope documentation: docs/viewer.md, docs/trace-format.md, docs/analysis.md\n")
if(VERBS)
  string(REPLACE "," ";" verbs "${VERBS}")
  set(text "")
  foreach(verb IN LISTS verbs)
    execute_process(COMMAND ${PROGRAM} ${verb} --help OUTPUT_VARIABLE help ERROR_VARIABLE help)
    string(REPLACE "\\" "\\\\" help "${help}")
    string(REGEX REPLACE "\n([ \t]*)-" "\n\\1\\\\-" help "${help}")
    string(APPEND text ".SS \"${NAME} ${verb}\"\n.nf\n${help}.fi\n")
  endforeach()
  file(APPEND ${include_file} "[VERBS]\n${text}")
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env QT_QPA_PLATFORM=offscreen
          ${HELP2MAN} --no-info --section=1 --version-string=${VERSION}
          --name=${SUMMARY} --include=${include_file} --output=${OUT} ${PROGRAM}
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man ${NAME} failed: ${err}")
endif()
