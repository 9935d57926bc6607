// cspview [FILE] [--at EVENT_INDEX] [--screenshot OUT.png] [--size WxH]
#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <optional>

namespace cspview {

struct CommandLine {
  QString file;                      // empty: start with no trace
  std::optional<size_t> at;          // event index for the cursor
  QString screenshot;                // write the window to this PNG and exit
  QSize size{1280, 800};
  bool dark = false;
  bool presentation = false;
  QString error;                     // set when the arguments are wrong
  bool help = false;
  QString help_text;
};

// Parses the arguments (argv[0] first). Never exits; the caller prints error / help_text.
CommandLine parse_command_line(const QStringList& args);

// True when the arguments ask for --screenshot: the caller must choose the platform (offscreen
// without a display) before the QApplication exists.
bool wants_screenshot(int argc, char** argv);

}  // namespace cspview
