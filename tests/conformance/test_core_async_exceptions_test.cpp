// core.async src/test/clojure/clojure/core/async/exceptions_test.clj, translated to csp::.
//
// core.async hands an exception escaping a go block or a thread to the JVM's default uncaught-
// exception handler and closes the block's channel. cspscope records it and reports it in the
// run's result instead (docs/runtime.md, "exception escaping a process"): the handler's
// identity check becomes a check of RunResult::errors (process and message). The callback
// variants (exception-in-put-callback, exception-in-take-callback) are in
// test_core_async_put_take.cpp.
#include "conformance.hpp"

#include <stdexcept>

using conformance::on_every_scheduler;
using conformance::Scheduler;

namespace {
const char* const kExpected = "This exception is expected";

void check_reported(const csp::RunResult& r, const std::string& process) {
  CHECK(r.status == csp::RunStatus::Error);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].process == process);
  CHECK(r.errors[0].message == kExpected);
}
}  // namespace

TEST_CASE("core.async exceptions_test.clj: exception-in-go", "[conformance][core.async][differs]") {
  on_every_scheduler(
      [](const Scheduler&) {
        auto ret = csp::go("thrower", []() -> csp::Proc<int> {
          throw std::runtime_error(kExpected);
          co_return 0;
        });
        CHECK_FALSE(ret.take_blocking());  // (<!! ret): the channel closes without a value
      },
      [](const Scheduler&, const csp::RunResult& r) { check_reported(r, "thrower"); });
}

TEST_CASE("core.async exceptions_test.clj: exception-in-thread",
          "[conformance][core.async][differs]") {
  on_every_scheduler(
      [](const Scheduler&) {
        auto ret = csp::thread("thrower", []() -> int { throw std::runtime_error(kExpected); });
        CHECK_FALSE(ret.take_blocking());
      },
      [](const Scheduler&, const csp::RunResult& r) { check_reported(r, "thrower"); });
}
