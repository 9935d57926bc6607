// diff_traces on hand-written runs, each small enough to check by reading it: the matching by
// name and order, what counts as a process's own step, channels, outcomes, decisions, and the
// runs cut short or of other programs (docs/diff.md states the rules these follow).
#include <csptrace/diff_text.hpp>
#include <csptrace/trace_diff.hpp>

#include "written_trace.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace csptrace;
using test_diff::trace;
using test_diff::worker_run;

TEST_CASE("runs that differ only in ids and in who waited for whom are equivalent", "[diff]") {
  const TraceModel a = trace(worker_run(0, 2, true)), b = trace(worker_run(10, 2, false));
  const TraceDiff d = diff_traces(a, b);
  CHECK(d.match.complete());
  CHECK(d.match.procs_matched == 2);
  CHECK(d.processes.empty());
  CHECK(d.channels.empty());
  CHECK(d.equivalent());
}

TEST_CASE("a different value is the first divergence of both its putter and its taker", "[diff]") {
  const TraceModel a = trace(worker_run(0, 2)), b = trace(worker_run(0, 3));
  const TraceDiff d = diff_traces(a, b);
  REQUIRE(d.first_divergence());
  // The second transfer is event 7 in both. It is main's fourth step (spawn, chan_make, take 1,
  // take 2) and the worker's third (spawn, put 1, put 2): the same event on both sides, so the
  // tie goes to A's first process, main.
  CHECK(d.processes.size() == 2);
  CHECK(a.str(a.processes()[d.first_divergence()->proc_a].name) == "main");
  CHECK(d.first_divergence()->step == 3);
  CHECK(a.seq(d.first_divergence()->event_a) == 7);
  REQUIRE(d.channels.size() == 1);
  CHECK(d.channels[0].kind == ChannelDifference::Kind::Values);
  CHECK(d.channels[0].only_a_total == 1);
  CHECK(d.channels[0].only_b_total == 1);
  CHECK_FALSE(d.equivalent());
  DiffOptions ignore;
  ignore.ignore_values = true;
  CHECK(diff_traces(a, b, ignore).equivalent());
}

TEST_CASE("the same values in another order differ unless order within a channel is ignored",
          "[diff]") {
  std::vector<std::string> swapped = worker_run(0, 2);  // events 4 and 6 are the two transfers
  const std::string two = R"("kind":"transfer","chan":5,"from":2,"to":1,"via":"direct","value":2)";
  const std::string one = R"("kind":"transfer","chan":5,"from":2,"to":1,"via":"direct","value":1)";
  swapped[4] = two;
  swapped[6] = one;
  const TraceModel a = trace(worker_run(0, 2)), b = trace(swapped);
  const TraceDiff d = diff_traces(a, b);
  REQUIRE(d.channels.size() == 1);
  CHECK(d.channels[0].kind == ChannelDifference::Kind::Order);
  CHECK(d.channels[0].transfer == 0);
  CHECK_FALSE(d.equivalent());
  DiffOptions unordered;
  unordered.ignore_order_within_channel = true;
  CHECK(diff_traces(a, b, unordered).equivalent());
}

TEST_CASE("processes of one name are matched in spawn order, and a missing one is named",
          "[diff]") {
  std::vector<std::string> more = worker_run(0, 2);
  more.insert(more.begin() + 3,
              R"("kind":"spawn","proc":3,"partner":1,"name":"worker","mode":"go")");
  more.insert(more.begin() + 4, R"("kind":"exit","proc":3,"status":"ok")");
  const TraceModel a = trace(more), b = trace(worker_run(0, 2));
  const TraceDiff d = diff_traces(a, b);
  CHECK(d.match.procs_matched == 2);
  CHECK(d.match.proc_b[1] == 1);      // the first worker of A is B's worker
  CHECK(d.match.proc_b[2] == kNone);  // the second has no counterpart
  CHECK(match_text(a, b, d.match) == "the programs differ: A has 3 processes, B 2; matched 2");
  CHECK_FALSE(d.equivalent());
}

TEST_CASE("traces with no process in common say so", "[diff]") {
  const TraceModel a = trace({R"("kind":"spawn","proc":1,"name":"main","mode":"main")"});
  const TraceModel b = trace({R"("kind":"spawn","proc":1,"name":"other","mode":"main")"});
  const TraceDiff d = diff_traces(a, b);
  CHECK(match_text(a, b, d.match) == "no process in common: A has 1 processes, B 1");
  CHECK_FALSE(d.equivalent());
}

TEST_CASE("a trace cut short is compared up to its end, which is no divergence", "[diff]") {
  std::vector<std::string> cut = worker_run(0, 2);
  cut.resize(5);  // up to the first transfer
  const TraceModel a = trace(cut, nullptr), b = trace(worker_run(0, 2));
  REQUIRE_FALSE(a.complete());
  const TraceDiff d = diff_traces(a, b);
  CHECK(d.first_divergence() == nullptr);
  REQUIRE_FALSE(d.processes.empty());
  for (const ProcessDivergence& v : d.processes) CHECK(v.cut);
  CHECK(d.channels.empty());  // c's one transfer in A is the first of B's two
  CHECK(d.outcome.end_a == EndReason::Truncated);
  CHECK_FALSE(d.equivalent());  // B went on: the runs are not shown to be the same
}

TEST_CASE("the first decision that differs is where the runs part", "[diff]") {
  const TraceModel a = trace(test_diff::two_processes_run(2, 3)),
                   b = trace(test_diff::two_processes_run(3, 2));
  const TraceDiff d = diff_traces(a, b);
  CHECK(d.decisions.parted);
  CHECK(d.decisions.decision == 0);
  CHECK(parting_text(a, b, d.decisions) ==
        "the runs part at decision 1: run A picked a (event 4, among 2 options), run B picked b "
        "(event 4, among 2 options)");
  // Each process did the same (it ran and exited), in another order: equivalent.
  CHECK(d.equivalent());
}

TEST_CASE("a deadlock in one run only is an outcome difference", "[diff]") {
  std::vector<std::string> hung = {
      R"("kind":"spawn","proc":1,"name":"main","mode":"main")",
      R"("kind":"chan_make","proc":1,"chan":1,"name":"c","buffer":"unbuffered","cap":0)",
      R"("kind":"block","proc":1,"chan":1,"op":"take","loc":"m.cpp:3")",
      R"("kind":"deadlock","message":"1 process can never run again")",
      R"("kind":"stuck","proc":1,"chan":1,"op":"take","loc":"m.cpp:3")"};
  const TraceModel a = trace(hung, "deadlock");
  const TraceModel b =
      trace({R"("kind":"spawn","proc":1,"name":"main","mode":"main")",
             R"("kind":"chan_make","proc":1,"chan":1,"name":"c","buffer":"unbuffered","cap":0)",
             R"("kind":"exit","proc":1,"status":"ok")"});
  const TraceDiff d = diff_traces(a, b);
  REQUIRE_FALSE(d.outcome.only_a.empty());
  CHECK(d.outcome.only_a.front().kind == FindingKind::GlobalDeadlock);
  CHECK(d.outcome.only_b.empty());
  CHECK(d.outcome.end_a == EndReason::Deadlock);
  REQUIRE(d.first_divergence());
  CHECK(d.first_divergence()->step == 2);  // main: stuck in A, exited in B
}
