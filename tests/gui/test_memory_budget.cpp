// A trace larger than the viewer may hold is refused early with a message naming the file,
// never an out-of-memory kill or "std::bad_alloc" after a long load (issue 26, bad input).
#include <catch2/catch.hpp>

#include "memory_budget.hpp"
#include "temp_path.hpp"
#include "trace_document.hpp"

#include <csptrace/binary_trace_writer.hpp>
#include <csptrace/trace_error.hpp>

#include <algorithm>
#include <cstdlib>

using namespace cspview;

namespace {

// A binary trace of main marking `marks` times, a little over a million events.
std::string marks_trace(size_t marks) {
  const std::string path = csp_test::temp_path("many-marks.csptrace");
  csptrace::StringTable strings;
  const csptrace::StrId main = strings.intern("main"), label = strings.intern("tick");
  csptrace::TraceHeader header;
  header.program = "marks";
  csptrace::BinaryTraceWriter w(path, header);
  uint64_t seq = 0;
  csptrace::Event spawn(csptrace::EventKind::Spawn);
  spawn.seq = ++seq;
  spawn.proc = 1;
  spawn.name = main;
  spawn.present |= csptrace::f::seq | csptrace::f::t | csptrace::f::proc | csptrace::f::name;
  w.add(spawn, strings);
  for (size_t i = 0; i < marks; ++i) {
    csptrace::Event e(csptrace::EventKind::Mark);
    e.seq = ++seq;
    e.t = int64_t(i);
    e.proc = 1;
    e.label = label;
    e.present |= csptrace::f::seq | csptrace::f::t | csptrace::f::proc | csptrace::f::label;
    w.add(e, strings);
  }
  w.close();
  return path;
}

}  // namespace

TEST_CASE("a trace past the viewer's memory budget is refused early, naming the file (issue 26)",
          "[document][memory]") {
  const std::string path = marks_trace(1500000);
  ::setenv("CSPVIEW_MEMORY_MB", "40", 1);
  const MemoryBudget b = memory_budget();
  CHECK(b.bytes == 40ull << 20);
  double read = 0;
  csptrace::LoadOptions opts;
  opts.progress = [&read](double f) { read = std::max(read, f); };
  try {
    read_document(path, opts);
    FAIL("a trace of 1.5 M events loaded within 40 MB");
  } catch (const csptrace::TraceError& e) {
    const std::string what = e.what();
    INFO(what);
    CHECK(what.find(path) != std::string::npos);
    CHECK(what.find("too large to view") != std::string::npos);
    CHECK(what.find("CSPVIEW_MEMORY_MB is 40 MiB") != std::string::npos);
    CHECK(what.find("csptrace check") != std::string::npos);
  }
  CHECK(read < 0.9);  // stopped once the size was clear, not at the end

  // The same trace within a budget that holds it loads whole.
  ::setenv("CSPVIEW_MEMORY_MB", "4000", 1);
  const auto doc = load_document(path);
  CHECK(doc->model().size() == 1500001);
  ::unsetenv("CSPVIEW_MEMORY_MB");
}

TEST_CASE("the projected memory grows with the part of the input still to read", "[memory]") {
  const std::string path = marks_trace(10);
  const auto doc = load_document(path);
  const uint64_t whole = projected_bytes(doc->model(), 1.0);
  CHECK(whole > doc->model().memory_bytes());
  CHECK(projected_bytes(doc->model(), 0.25) == 4 * whole);
}
