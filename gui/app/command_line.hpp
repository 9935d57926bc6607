// cspview [FILE] [--at EVENT|bookmark:NAME] [--view timeline|sequence|network|BEGIN:END]
//         [--screenshot OUT.png|OUT.svg] [--view-json OUT.json]
//         [--export-steps DIR [--from N] [--to M]] [--size WxH] [--dark] [--presentation]
//         [--compare B] [--source-dir DIR] [--follow [--long-wait SECONDS]]
#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <utility>

namespace cspview {

struct CommandLine {
  QString file;                // empty: start with no trace
  std::optional<uint64_t> at;  // the event number (as csptrace prints it) for the cursor
  QString at_bookmark;         // --at bookmark:NAME: the bookmark titled NAME
  QString screenshot;          // write the window (PNG) or the view shown (SVG) and exit
  QString view_json;           // write what the window shows as JSON (with --screenshot)
  // --view takes either: a time range for the timeline (a value with ':') or a view's name.
  std::optional<std::pair<double, double>> view;  // --view BEGIN:END, trace time in ns
  QString view_name;                 // --view sequence: the tab to show (checked by the window)
  QString export_steps;              // --export-steps DIR: one PNG per event, then exit
  std::optional<uint64_t> from, to;  // the event numbers --export-steps starts and ends at
  QSize size{1280, 800};
  bool dark = false;
  bool presentation = false;
  QString compare;      // --compare B: FILE (A) over B, stepped together
  QString source_dir;   // --source-dir DIR: where the source pane also looks
  bool follow = false;  // --follow: FILE is still being written; keep up with it
  // --long-wait SECONDS: while following, a wait this long is shown as a finding
  int64_t long_wait_ns = 5'000'000'000;
  QString error;  // set when the arguments are wrong
  bool help = false;
  QString help_text;
};

// Parses the arguments (argv[0] first). Never exits; the caller prints error / help_text. An
// option it does not know is an error that names it and the nearest one it knows
// ("unknown option --trace-ring; did you mean --presentation?").
CommandLine parse_command_line(const QStringList& args);

// "400us" -> 400000: a time with a unit (ns, us or µs, ms, s; ns without one); nullopt if not.
std::optional<double> parse_time(const QString& text);

// The known option nearest to `unknown` by edit distance ("--scrensht" -> "--screenshot").
QString nearest_option(const QString& unknown, const QStringList& known);

// True when the arguments ask for --screenshot or --export-steps: the caller must choose the
// platform (offscreen without a display) before the QApplication exists.
bool wants_screenshot(int argc, char** argv);

}  // namespace cspview
