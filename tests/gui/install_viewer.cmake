# `cmake --install --component viewer` of this build into a scratch prefix: cspview, its desktop
# entry (valid for desktop-file-validate), icons, the MIME type (a .csptrace file and a JSON Lines
# trace of any name are recognised by their content) and the man pages (from --help).
#   cmake -DBUILD=dir -DPREFIX=dir -DFIXTURES=dir -P install_viewer.cmake
file(REMOVE_RECURSE ${PREFIX})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${PREFIX} --component viewer
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install --component viewer failed: ${err}")
endif()
foreach(f bin/cspview share/applications/cspview.desktop share/mime/packages/cspscope.xml
          share/icons/hicolor/scalable/apps/cspview.svg share/icons/hicolor/48x48/apps/cspview.png
          share/icons/hicolor/256x256/apps/cspview.png share/man/man1/cspview.1 share/man/man1/csptrace.1)
  if(NOT EXISTS ${PREFIX}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
execute_process(COMMAND desktop-file-validate ${PREFIX}/share/applications/cspview.desktop
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0 OR out MATCHES "error")
  message(FATAL_ERROR "desktop-file-validate: ${out}")
endif()
# roff writes a dash as \-: look for either.
function(man_has page)
  file(READ ${PREFIX}/share/man/man1/${page} man)
  foreach(want IN LISTS ARGN)
    string(REPLACE "-" "\\-" want_roff "${want}")
    string(FIND "${man}" "${want}" a)
    string(FIND "${man}" "${want_roff}" b)
    if(a LESS 0 AND b LESS 0)
      message(FATAL_ERROR "${page} lacks ${want}")
    endif()
  endforeach()
endfunction()
man_has(cspview.1 "--view-json" "--presentation" ".SH NAME")
man_has(csptrace.1 "csptrace check" "--json" "csptrace export" ".SH NAME")
# The MIME types, through the shared-mime-info database a desktop builds from the package.
execute_process(COMMAND update-mime-database ${PREFIX}/share/mime RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "update-mime-database: ${err}")
endif()
# A JSON Lines trace is recognised by its header line, named .jsonl or not named at all.
file(COPY ${FIXTURES}/hotdog.jsonl DESTINATION ${PREFIX}/probe)
file(COPY ${FIXTURES}/hotdog.jsonl DESTINATION ${PREFIX}/probe/bare)
file(RENAME ${PREFIX}/probe/bare/hotdog.jsonl ${PREFIX}/probe/lesson-three)
file(WRITE ${PREFIX}/probe/other.jsonl "{\"id\":1}\n{\"id\":2}\n")  # other JSON Lines are not claimed
file(WRITE ${PREFIX}/probe/run.csptrace "CSPTRACE\\001\\000\\000\\000")
find_program(GIO gio)
if(GIO)
  foreach(pair "hotdog.jsonl=application/x-cspscope-jsonl" "lesson-three=application/x-cspscope-jsonl"
               "run.csptrace=application/x-cspscope-trace" "other.jsonl=!cspscope")
    string(REPLACE "=" ";" pair "${pair}")
    list(GET pair 0 name)
    list(GET pair 1 want)
    set(negate FALSE)
    if(want MATCHES "^!")
      string(SUBSTRING "${want}" 1 -1 want)
      set(negate TRUE)
    endif()
    execute_process(COMMAND ${CMAKE_COMMAND} -E env XDG_DATA_DIRS=${PREFIX}/share:/usr/share XDG_DATA_HOME=${PREFIX}/nowhere
                            ${GIO} info -a standard::content-type ${PREFIX}/probe/${name}
                    OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(negate AND out MATCHES "${want}")
      message(FATAL_ERROR "${name}: claimed as a cspscope trace: ${out}")
    elseif(NOT negate AND NOT out MATCHES "${want}")
      message(FATAL_ERROR "${name}: expected ${want}, gio says: ${out}${err}")
    endif()
  endforeach()
endif()
