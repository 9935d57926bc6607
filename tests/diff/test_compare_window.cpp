// cspview's comparison window on two hand-written runs (written_trace.hpp): where it opens, the
// caption, one pane's cursor moving the other's to the aligned event, and ]/[ stepping through
// the differences. What the alignment is, is RunAlignment's (test_run_alignment.cpp); this
// checks that the window uses it.
#include "command_line.hpp"
#include "compare_window.hpp"
#include "main_window.hpp"
#include "step_controller.hpp"

#include "written_trace.hpp"

#include <catch2/catch.hpp>

namespace {

// The run as a file, for the window to open.
std::string written(const std::vector<std::string>& events) {
  const csptrace::TraceModel m = test_diff::trace(events);
  return m.source();
}

}  // namespace

// Both runs, by event index: 0 spawn main, 1 chan_make c, 2 spawn worker, 3 the wait (A: the
// worker parks to put; B: main blocks to take), 4 transfer 1, 5 the wake, 6 transfer (A: 2,
// B: 3), 7 exit worker, 8 exit main, 9 end.
TEST_CASE("the comparison opens at the first divergence and moves both cursors together",
          "[gui][diff]") {
  const std::string a = written(test_diff::worker_run(0, 2, true));
  const std::string b = written(test_diff::worker_run(0, 3, false));
  cspview::CompareWindow w;
  w.resize(1000, 700);
  w.show();
  QString error;
  REQUIRE(w.open_now(QString::fromStdString(a), QString::fromStdString(b), &error));
  CHECK(w.caption().contains(QStringLiteral("First divergence: <b>main</b>, step 4 (A #7, B #7)")));
  CHECK(w.pane_a().stepper().current_event() == size_t{6});
  CHECK(w.pane_b().stepper().current_event() == size_t{6});

  w.pane_a().seek_event(3);  // the worker's park in A: its put of 1, B's event 4
  CHECK(w.pane_b().stepper().current_event() == size_t{4});
  w.pane_b().seek_event(3);  // main's block in B: its take of 1, A's event 4
  CHECK(w.pane_a().stepper().current_event() == size_t{4});

  w.step_difference(true);
  CHECK(w.pane_a().stepper().current_event() == size_t{6});
  CHECK(w.pane_b().stepper().current_event() == size_t{6});
  w.step_difference(true);  // no difference after it: the cursor stays
  CHECK(w.pane_a().stepper().current_event() == size_t{6});
}

TEST_CASE(
    "File > Compare with another run opens the comparison of the open trace and the chosen one",
    "[gui][diff]") {
  const std::string a = written(test_diff::worker_run(0, 2, true));
  const std::string b = written(test_diff::worker_run(0, 3, false));
  cspview::MainWindow w;
  QString error;
  CHECK(w.compare_with(QString::fromStdString(b), &error) == nullptr);  // no trace open yet
  CHECK(error.contains(QStringLiteral("open a trace from a file first")));
  REQUIRE(w.open_file_now(QString::fromStdString(a), &error));
  cspview::CompareWindow* c = w.compare_with(QString::fromStdString(b), &error);
  REQUIRE(c != nullptr);
  CHECK(c->caption().contains(QStringLiteral("First divergence: <b>main</b>")));
  CHECK(c->pane_a().path() == QString::fromStdString(a));
  CHECK(c->pane_b().path() == QString::fromStdString(b));
  CHECK(w.compare_with(QStringLiteral("/nonexistent/b.csptrace"), &error) == nullptr);
  CHECK(error.contains(QStringLiteral("/nonexistent/b.csptrace")));
  c->close();
}

TEST_CASE("cspview --compare B without a trace FILE is refused, naming what to give",
          "[gui][diff]") {
  const cspview::CommandLine cl = cspview::parse_command_line(
      {QStringLiteral("cspview"), QStringLiteral("--compare"), QStringLiteral("b.csptrace")});
  CHECK(cl.error.contains(QStringLiteral("--compare B compares the trace FILE with B")));
}
