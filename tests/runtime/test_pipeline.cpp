// pipeline, pipeline_blocking, pipeline_async: an exception in f or af drops that item, is
// reported like an exception escaping a process (RunResult::errors, a mark in the trace), and
// the pipeline goes on (core.async's default ex-handler). Before, the worker died with the
// item's result channel open and pipeline-out waited forever.
#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <vector>

using csptrace::EventKind;
using rt_test::deterministic;

namespace {

enum class Kind { compute, blocking, async };

long throw_on_3(int v) {
  if (v == 3) throw std::runtime_error("three");
  return v;
}

std::vector<long> run_pipeline(Kind kind, std::vector<int> inputs) {
  auto in = csp::to_chan(std::move(inputs));
  auto out = csp::chan<long>("out", csp::fixed(1));
  switch (kind) {
    case Kind::compute: csp::pipeline(2, out, throw_on_3, in); break;
    case Kind::blocking: csp::pipeline_blocking(2, out, throw_on_3, in); break;
    case Kind::async:
      csp::pipeline_async(
          2, out,
          [](int v, csp::Chan<long> result) {
            if (v == 3) throw std::runtime_error("three");
            csp::spawn("af", [v, result]() -> csp::Proc<void> {
              co_await result.put(v);
              result.close();
            });
          },
          in);
      break;
  }
  return *csp::into(out).take_blocking();
}

}  // namespace

TEST_CASE("pipeline: an exception in f drops the item, is reported, and the pipeline goes on",
          "[combinators][pipeline]") {
  for (Kind kind : {Kind::compute, Kind::blocking, Kind::async}) {
    for (csp::Options opt : {deterministic(1), deterministic(7), csp::Options{}}) {
      INFO("kind " << static_cast<int>(kind) << ", seed " << opt.seed.value_or(0));
      std::vector<long> got;
      rt_test::TracedRun t = rt_test::run_traced(
          opt,
          [&] {
            got = run_pipeline(kind, {1, 2, 3, 4, 5});
          },
          "pipeline_error");
      CHECK(got == std::vector<long>{1, 2, 4, 5});
      CHECK(t.result.status == csp::RunStatus::Error);
      REQUIRE(t.result.errors.size() == 1);
      CHECK(t.result.errors[0].process == "pipeline-worker");
      CHECK(t.result.errors[0].message.find("three") != std::string::npos);
      CHECK(rt_test::count_of(t.model, EventKind::Mark) == 1);
      std::remove(t.path.c_str());
    }
  }
}

TEST_CASE("pipeline: the ex-handler's value replaces the item, a throwing handler drops it",
          "[combinators][pipeline]") {
  for (csp::Options opt : {deterministic(2), csp::Options{}}) {
    std::vector<long> replaced, dropped;
    csp::RunResult r = csp::run(opt, [&] {
      auto out = csp::chan<long>("out", csp::fixed(1));
      csp::pipeline(3, out, throw_on_3, csp::to_chan(std::vector<int>{1, 2, 3, 4}), true,
                    [](std::exception_ptr) -> std::optional<long> { return -1; });
      replaced = *csp::into(out).take_blocking();
      auto out2 = csp::chan<long>("out2", csp::fixed(1));
      csp::pipeline_blocking(
          3, out2, throw_on_3, csp::to_chan(std::vector<int>{1, 2, 3, 4}), true,
          [](std::exception_ptr e) -> std::optional<long> { std::rethrow_exception(e); });
      dropped = *csp::into(out2).take_blocking();
    });
    CHECK(replaced == std::vector<long>{1, 2, -1, 4});
    CHECK(dropped == std::vector<long>{1, 2, 4});
    REQUIRE(r.errors.size() == 1);  // the handler's own exception
    CHECK(r.errors[0].message.find("ex-handler") != std::string::npos);
  }
}

// A put parked on `to` before it closed stays parked (close releases no parked put, as in
// core.async), so this closes `to` first: every later put is refused at once.
TEST_CASE("pipeline: a closed output stops delivery but every result is still drained",
          "[combinators][pipeline]") {
  for (csp::Options opt : {deterministic(4), csp::Options{}}) {
    csp::RunResult r = csp::run(opt, [&] {
      auto out = csp::chan<int>("out");
      out.close();
      auto in = csp::to_chan(std::vector<int>(50, 1));
      csp::Chan<csp::Unit> done = csp::pipeline(
          4, out, [](int v) { return v; }, in, false);
      CHECK_FALSE(done.take_blocking());  // pipeline-out ends: no worker is left waiting
      CHECK_FALSE(in.poll());             // every input was consumed
    });
    CHECK(r.ok());
  }
}
