# Records a sample and checks that `cspview --view sequence` draws its sequence chart: the PNG
# screenshot, --view-json describing the chart (lifelines, rows, the cursor), and the SVG of the
# chart with the lifelines' names as text.
#   cmake -DSAMPLE=... -DCSPVIEW=... -DOUT=dir -DNAME=name -DARGS=a,b -P sample_sequence.cmake
include(${CMAKE_CURRENT_LIST_DIR}/record_sample.cmake)  # sets trace
include(${CMAKE_CURRENT_LIST_DIR}/render_view.cmake)
render_view(sequence)
string(JSON rows GET "${json}" active_view rows_total)
string(JSON lanes LENGTH "${json}" active_view lifelines)
string(JSON first_lane GET "${json}" active_view lifelines 0)
string(JSON row_h GET "${json}" active_view row_height)
message(STATUS "${NAME}: ${rows} rows, ${lanes} lifelines shown, rows ${row_h} px high")
if(rows LESS 1 OR lanes LESS 1)
  message(FATAL_ERROR "${NAME}: an empty chart (${rows} rows, ${lanes} lifelines)")
endif()
if(row_h LESS 20)
  message(FATAL_ERROR "${NAME}: rows ${row_h} px high are not readable")
endif()
string(FIND "${svg}" ">${first_lane}<" at)
if(at LESS 0)
  message(FATAL_ERROR "${NAME}: the SVG has no text \"${first_lane}\" (the first lifeline's name)")
endif()
