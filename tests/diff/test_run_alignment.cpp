// RunAlignment on hand-written runs: which event of the other run each event stands for, and
// the differences in order (run_alignment.hpp states the rules).
#include <csptrace/run_alignment.hpp>

#include "written_trace.hpp"

#include <catch2/catch.hpp>

using namespace csptrace;
using test_diff::trace;
using test_diff::worker_run;
using Run = RunAlignment::Run;

// Both runs, by event index: 0 spawn main, 1 chan_make c, 2 spawn worker, 3 the wait (A: the
// worker parks to put; B: main blocks to take), 4 transfer 1, 5 the wake, 6 transfer (A: 2,
// B: 3), 7 exit worker, 8 exit main, 9 end.
TEST_CASE("a step aligns with the same step of the same process, a wait with the step it waits for",
          "[diff]") {
  const TraceModel a = trace(worker_run(0, 2, true)), b = trace(worker_run(0, 3, false));
  const TraceDiff d = diff_traces(a, b);
  const RunAlignment al(a, b, d);
  CHECK(al.aligned(Run::A, 2) == 2);  // the worker's spawn
  CHECK(al.aligned(Run::A, 3) == 4);  // the worker's park: its put of 1, B's event 4
  CHECK(al.aligned(Run::A, 5) == 6);  // the worker's resume: its next step, the second put
  CHECK(al.aligned(Run::B, 3) == 4);  // main's block in B: its take of 1, A's event 4
  CHECK(al.aligned(Run::A, 9) == 8);  // the end: as main's exit, the event before it
  CHECK(al.aligned(Run::A, 10) == kNone);
}

TEST_CASE("next and previous difference walk the events where the runs differ", "[diff]") {
  const TraceModel a = trace(worker_run(0, 2)), b = trace(worker_run(0, 3));
  const RunAlignment al(a, b, diff_traces(a, b));
  // The second transfer differs: main's and the worker's steps there and channel c's transfer.
  REQUIRE(al.differences(Run::A) == std::vector<size_t>{6});
  CHECK(al.next_difference(Run::A, 0) == 6);
  CHECK(al.next_difference(Run::A, 6) == kNone);
  CHECK(al.previous_difference(Run::A, 9) == 6);
  CHECK(al.previous_difference(Run::A, 6) == kNone);
}

TEST_CASE("decisions align by their order, and the parting one is a difference", "[diff]") {
  const TraceModel a = trace(test_diff::two_processes_run(2, 3)),
                   b = trace(test_diff::two_processes_run(3, 2));
  const RunAlignment al(a, b, diff_traces(a, b));
  CHECK(al.aligned(Run::A, 5) == 5);  // the second decision
  CHECK(al.aligned(Run::A, 4) == 6);  // a's exit: event 6 in B, where a ran second
  CHECK(al.differences(Run::A) == std::vector<size_t>{3});
  CHECK(al.differences(Run::B) == std::vector<size_t>{3});
}
