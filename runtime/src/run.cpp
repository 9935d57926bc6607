// csp::run: one run of a program on the runtime, from the first spawn to the trace's end.
#include <csp/run.hpp>

#include "runtime.hpp"

#include <csp/errors.hpp>

#include <optional>
#include <stdexcept>
#include <string>

namespace csp {

namespace detail {

namespace {
RunResult not_started(const std::string& why) {
  RunResult r;
  r.status = RunStatus::Error;
  r.message = why + "; the program did not run";
  r.errors.push_back({"runtime", r.message});
  return r;
}
}  // namespace

RunResult run_main(const Options& opt, std::function<void()> main, std::string main_name,
                   csptrace::ProcRole main_role) {
  if (g_runtime.load(std::memory_order_acquire) != nullptr)
    throw std::logic_error("csp::run called while another csp::run is running; runs cannot nest");
  if (tl_current != nullptr)
    throw std::logic_error("csp::run called from inside a process of another run");
  // A schedule that cannot be followed (a replay trace that cannot be read or holds no
  // decisions, a malformed CSP_SCHEDULE) is the run's error: nothing of main runs, since a run
  // on some other schedule would pass for the one asked for.
  std::optional<Runtime> runtime;
  try {
    runtime.emplace(opt);
  } catch (const std::invalid_argument& e) {
    return not_started(e.what());
  } catch (const std::runtime_error& e) {
    return not_started(e.what());
  }
  Runtime& rt = *runtime;
  g_runtime.store(&rt, std::memory_order_release);
  std::unique_ptr<Process> main_proc =
      make_thread_process(rt, std::move(main_name), csptrace::ProcMode::Main, {}, main_role);
  rt.register_process(*main_proc);
  tl_current = main_proc.get();

  std::exception_ptr error;
  try {
    main();
  } catch (const Deadlock&) {
    // reported by the runtime (rt.result())
  } catch (...) {
    error = std::current_exception();
  }
  rt.begin_stop();  // from here on, no deadlock can be declared: the program is over
  if (!rt.deadlocked()) {
    finish_process(*main_proc, nullptr, error);
  } else {
    rt.unregister_process(*main_proc);
  }
  tl_current = nullptr;
  rt.shutdown();
  g_runtime.store(nullptr, std::memory_order_release);

  RunResult r = std::move(rt.result());
  if (r.status == RunStatus::Ok && !r.errors.empty()) {
    r.status = RunStatus::Error;
    // Not "N processes ended": a pipeline's worker reports the exception of one item and
    // goes on, so an error names where it was thrown, not a process that died.
    r.message = r.errors.size() == 1
                    ? std::string("1 exception was reported:")
                    : std::to_string(r.errors.size()) + " exceptions were reported:";
    for (const ProcessError& e : r.errors) r.message += "\n  " + e.process + ": " + e.message;
  }
  // A trace lost in part or whole makes the run fail: a program that exits 0 has a whole trace.
  if (std::string lost = rt.trace_failure(); !lost.empty()) {
    if (r.status == RunStatus::Ok) r.status = RunStatus::Error;
    r.message += (r.message.empty() ? "" : "\n") + lost;
    r.errors.push_back({"trace recorder", std::move(lost)});
  }
  return r;
}

}  // namespace detail

void mark(std::string_view label, csp::SourceLocation loc) {
  detail::Runtime* rt = detail::g_runtime.load(std::memory_order_acquire);
  if (rt == nullptr || rt->rec == nullptr) return;
  csptrace::Event e(csptrace::EventKind::Mark);
  e.with_label(rt->rec->intern(label));
  if (loc.line() != 0) e.with_loc(rt->loc_id(loc));
  if (detail::tl_current) e.with_proc(detail::tl_current->id);
  rt->rec->record(e);
}

}  // namespace csp
