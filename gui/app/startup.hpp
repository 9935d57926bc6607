// What the command line asks of a window once its trace is open: the view (--view NAME), the
// cursor (--at EVENT or --at bookmark:NAME), the timeline's range (--view BEGIN:END), in that
// order; and the runs that write files and exit (--screenshot, --view-json, --export-steps).
#pragma once

#include "command_line.hpp"

#include <QString>

namespace cspview {

class MainWindow;

// Applies the choices; returns what could not be done ("no view named \"sequnce\"; the views are
// timeline, sequence"), empty when all went well. What could be done is done either way.
QString apply_command_line(MainWindow& window, const CommandLine& cl);

// Follows path (MainWindow::follow_file) until the trace ends or its writer goes away and the
// whole trace is shown with its analysis, or until no event has come for long_wait_ns and a
// second more (a program that hangs: the window then shows the live trace with its long waits);
// false with *error set when it cannot be read.
bool follow_now(MainWindow& window, const QString& path, int64_t long_wait_ns, QString* error);

// The run without a screen: opens cl.file, applies the choices, writes what was asked and
// returns the exit code (0, 1 when a file could not be read or written, 2 for a bad choice),
// with the reason on standard error.
int run_headless(MainWindow& window, const CommandLine& cl);

}  // namespace cspview
