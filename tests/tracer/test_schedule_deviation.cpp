// csptrace::deviations: the decisions of a deterministic run that were not "run in order".
#include "temp_path.hpp"

#include <csptrace/run_steps.hpp>
#include <csptrace/schedule_deviation.hpp>
#include <csptrace/trace_reader.hpp>

#include <catch2/catch.hpp>

#include <fstream>

using namespace csptrace;

namespace {

// A deterministic run, written by hand: main spawns a, b and c and parks; the scheduler runs
// b before a (a deviation), then a (in order), then lets the timer fire while c could still
// run (a deviation), runs c (forced), has c's alt try its second ready guard first (a
// deviation), and last fires the timer t2 when nothing else can run (forced: no deviation).
TraceModel hand_written_run() {
  const std::string path = csp_test::temp_path("deviations.jsonl");
  std::ofstream(path)
      << R"({"kind":"header","format":"cspscope-trace","version":3,"scheduler":"deterministic","seed":1}
{"seq":1,"t":100,"kind":"spawn","proc":1,"name":"main","mode":"main"}
{"seq":2,"t":200,"kind":"chan_make","chan":1,"name":"t1","buffer":"timer","cap":0,"proc":1,"duration":1000}
{"seq":3,"t":210,"kind":"timer_arm","proc":1,"chan":1,"duration":1000}
{"seq":4,"t":220,"kind":"chan_make","chan":2,"name":"in","buffer":"unbuffered","cap":0,"proc":1}
{"seq":5,"t":230,"kind":"chan_make","chan":3,"name":"t2","buffer":"timer","cap":0,"proc":1,"duration":5000}
{"seq":6,"t":240,"kind":"timer_arm","proc":1,"chan":3,"duration":5000}
{"seq":7,"t":300,"kind":"spawn","proc":2,"name":"a","mode":"go","partner":1}
{"seq":8,"t":400,"kind":"spawn","proc":3,"name":"b","mode":"go","partner":1}
{"seq":9,"t":500,"kind":"spawn","proc":4,"name":"c","mode":"go","partner":1}
{"seq":10,"t":600,"kind":"decide","proc":3,"decision":"run","options":3}
{"seq":11,"t":700,"kind":"exit","proc":3,"status":"ok"}
{"seq":12,"t":800,"kind":"decide","proc":2,"decision":"run","options":2}
{"seq":13,"t":900,"kind":"exit","proc":2,"status":"ok"}
{"seq":14,"t":1000,"kind":"decide","chan":1,"decision":"run","options":2}
{"seq":15,"t":1000,"kind":"timer_fire","chan":1}
{"seq":16,"t":1100,"kind":"decide","proc":4,"decision":"run","options":1}
{"seq":17,"t":1200,"kind":"alt_offer","proc":4,"alt":1}
{"seq":18,"t":1200,"kind":"alt_guard","proc":4,"chan":1,"op":"take","alt":1,"index":0,"ready":true}
{"seq":19,"t":1200,"kind":"alt_guard","proc":4,"chan":2,"op":"take","alt":1,"index":1,"ready":true}
{"seq":20,"t":1200,"kind":"decide","proc":4,"decision":"guard","options":2,"alt":1,"index":1}
{"seq":21,"t":1300,"kind":"exit","proc":4,"status":"ok"}
{"seq":22,"t":5000,"kind":"decide","chan":3,"decision":"run","options":1}
{"seq":23,"t":5000,"kind":"timer_fire","chan":3}
{"seq":24,"t":5100,"kind":"exit","proc":1,"status":"ok"}
{"seq":25,"t":5200,"kind":"end","reason":"normal"}
)";
  return load_trace(path);
}

}  // namespace

TEST_CASE("deviations are the decisions that did not run in order", "[explore][deviations]") {
  const TraceModel m = hand_written_run();
  const RunSteps steps = run_steps(m);
  REQUIRE(steps.decisions.size() == 6);
  const std::vector<ScheduleDeviation> d = deviations(steps);
  REQUIRE(d.size() == 3);
  // b (proc 3) ran before a (proc 2), the oldest that could run.
  CHECK(d[0].decision == 0);
  CHECK(m.seq(d[0].event) == 10);
  CHECK(d[0].chosen.proc == 3);
  CHECK(d[0].by_default.proc == 2);
  // The timer t1 fired while c could run.
  CHECK(m.seq(d[1].event) == 14);
  CHECK(d[1].chosen.proc == 0);
  CHECK(d[1].chosen.chan == 1);
  CHECK(d[1].by_default.proc == 4);
  // c's alt tried its guard 1 before guard 0.
  CHECK(d[2].decision == 4);
  CHECK(m.seq(d[2].event) == 20);
  CHECK(d[2].chosen.kind == Decision::Guard);
  CHECK(d[2].chosen.index == 1);
  CHECK(d[2].by_default.index == 0);
}

TEST_CASE("a forced step or a lone timer firing is no deviation", "[explore][deviations]") {
  const RunSteps steps = run_steps(hand_written_run());
  // Decision 3 ran c, the only runnable process; decision 5 fired t2, all that could happen.
  for (const ScheduleDeviation& d : deviations(steps)) {
    CHECK(d.decision != 3);
    CHECK(d.decision != 5);
  }
  CHECK(steps.decisions[5].alternatives.size() == 1);
}
