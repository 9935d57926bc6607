# `cpack -G DEB` in the build folder: one Debian package, cspscope, with cspview, csptrace,
# the libraries and headers, the desktop entry, icon, MIME type and man pages. A lecturer
# installs it with `sudo apt install ./cspscope_0.1.0_amd64.deb`; apt pulls the Qt libraries
# (dpkg-shlibdeps finds them), and the desktop, icon and MIME caches are refreshed by the
# triggers of desktop-file-utils, hicolor-icon-theme and shared-mime-info.
set(CPACK_PACKAGE_NAME cspscope)
set(CPACK_PACKAGE_VENDOR "cspscope")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Record, replay and debug CSP programs (csptrace, cspview)")
# One paragraph (dpkg wraps it); several quoted pieces would be joined with ";".
string(CONCAT CPACK_PACKAGE_DESCRIPTION
       "cspscope records what a C++ CSP program did (process parks and resumes, rendezvous, alt "
       "choices) to a trace; csptrace checks and prints traces, and cspview replays them as process "
       "and channel timelines, steps through the run and shows why it hung.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "cspscope maintainers <cspscope@localhost>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "hicolor-icon-theme")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "desktop-file-utils, shared-mime-info")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://github.com/cspscope/cspscope")
include(CPack)
