// Catch2 runner for the viewer tests: one QApplication for all of them, offscreen unless the
// caller chose a platform, so the tests run the same on a desktop, in CI and over ssh.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>
#include <QStandardPaths>

#include <cstdlib>

int main(int argc, char** argv) {
  setenv("QT_QPA_PLATFORM", "offscreen", 0);
  QApplication app(argc, argv);
  // Recent files and other settings go to a test location, not the user's configuration.
  QStandardPaths::setTestModeEnabled(true);
  return Catch::Session().run(argc, argv);
}
