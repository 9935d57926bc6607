// Catch2 runner for the viewer tests: one QApplication for all of them, offscreen unless the
// caller chose a platform, so the tests run the same on a desktop, in CI and over ssh.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>

#include <cstdlib>

int main(int argc, char** argv) {
  setenv("QT_QPA_PLATFORM", "offscreen", 0);
  QApplication app(argc, argv);
  return Catch::Session().run(argc, argv);
}
