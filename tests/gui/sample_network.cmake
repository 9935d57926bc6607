# Records a sample and checks that `cspview --view network` draws its process network: the PNG
# screenshot, --view-json describing the network (processes and channels with their states),
# and the SVG of the network with the name of every process shown as text (issue 23).
#   cmake -DSAMPLE=... -DCSPVIEW=... -DOUT=dir -DNAME=name -DARGS=a,b -P sample_network.cmake
include(${CMAKE_CURRENT_LIST_DIR}/record_sample.cmake)  # sets trace
include(${CMAKE_CURRENT_LIST_DIR}/render_view.cmake)
render_view(network)
string(JSON procs LENGTH "${json}" active_view processes)
string(JSON chans LENGTH "${json}" active_view channels)
message(STATUS "${NAME}: ${procs} processes, ${chans} channels")
if(procs LESS 1 OR chans LESS 1)
  message(FATAL_ERROR "${NAME}: an empty network (${procs} processes, ${chans} channels)")
endif()
# Every process shown at the end of the run is in the SVG as text.
math(EXPR last "${procs} - 1")
foreach(i RANGE ${last})
  string(JSON shown GET "${json}" active_view processes ${i} shown)
  string(JSON name GET "${json}" active_view processes ${i} name)
  if(shown)
    string(FIND "${svg}" ">${name}<" at)
    if(at LESS 0)
      message(FATAL_ERROR "${NAME}: the network SVG has no text \"${name}\"")
    endif()
  endif()
endforeach()
