# Installs the libraries' export set and the package files so that an installed cspscope is
# used with find_package(cspscope) and target_link_libraries(app csp::runtime).
include(CMakePackageConfigHelpers)

set(CSP_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/cspscope)

install(EXPORT cspscopeTargets
  NAMESPACE csp::
  DESTINATION ${CSP_CMAKE_INSTALL_DIR})

configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/cspscopeConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cspscopeConfig.cmake
  INSTALL_DESTINATION ${CSP_CMAKE_INSTALL_DIR}
  PATH_VARS CMAKE_INSTALL_BINDIR)
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cspscopeConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_SOURCE_DIR}/cmake/CspscopeExplore.cmake
  ${PROJECT_BINARY_DIR}/cspscopeConfig.cmake
  ${PROJECT_BINARY_DIR}/cspscopeConfigVersion.cmake
  DESTINATION ${CSP_CMAKE_INSTALL_DIR})
