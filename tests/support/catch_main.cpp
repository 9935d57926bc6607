// Catch2's runner and implementation, compiled once for every test binary without Qt.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
