# render_view(VIEW): cspview draws ${trace} in VIEW at 1024x768 as ${OUT}/${NAME}.png with
# --view-json, then as ${OUT}/${NAME}.svg; sets `json` (the description) and `svg` (the SVG's
# text) in the caller. Shared by the sample checks of the teaching views (issue 23).
function(render_view view)
  execute_process(COMMAND ${CSPVIEW} ${trace} --view ${view} --size 1024x768 --screenshot ${OUT}/${NAME}.png
                          --view-json ${OUT}/${NAME}.json
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${NAME}: cspview --view ${view} --screenshot failed (${rc}): ${err}")
  endif()
  execute_process(COMMAND ${CSPVIEW} ${trace} --view ${view} --size 1024x768 --screenshot ${OUT}/${NAME}.svg
                  RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${NAME}: cspview --view ${view} --screenshot OUT.svg failed (${rc}): ${err}")
  endif()
  file(READ ${OUT}/${NAME}.json j)
  string(JSON shown GET "${j}" active_view view)
  if(NOT shown STREQUAL view)
    message(FATAL_ERROR "${NAME}: --view ${view} shows the ${shown} view")
  endif()
  file(READ ${OUT}/${NAME}.svg s)
  set(json "${j}" PARENT_SCOPE)
  set(svg "${s}" PARENT_SCOPE)
endfunction()
