// Processes: go processes, threads and main; the hooks the header templates call.
#include <csp/detail/process.hpp>
#include <csp/detail/runtime_hooks.hpp>
#include <csp/errors.hpp>
#include <csp/go.hpp>
#include <csp/run.hpp>
#include <csp/timeout.hpp>

#include "error_text.hpp"
#include "runtime.hpp"

namespace csp::detail {

using csptrace::Event;
using csptrace::EventKind;
using csptrace::ProcMode;

namespace {

std::string default_name(ProcMode mode, csptrace::ProcId id) {
  switch (mode) {
    case ProcMode::Go: return "go-" + std::to_string(id);
    case ProcMode::Thread: return "thread-" + std::to_string(id);
    case ProcMode::Main: return "main";
  }
  return "proc-" + std::to_string(id);
}

std::string chan_part(const ChannelCore* ch) {
  return ch ? " on channel '" + ch->name() + "'" : std::string();
}

}  // namespace

Process::Process(Runtime& rt_, std::string name_, ProcMode mode_, csp::SourceLocation loc,
                 csptrace::ProcRole role)
    : id(rt_.next_proc_id()),
      mode(mode_),
      site_(rt_.keep_site(name_.empty() ? default_name(mode_, id) : std::move(name_), loc, role)) {}

Process::~Process() = default;

std::unique_ptr<Process> make_thread_process(Runtime& rt, std::string name, ProcMode mode,
                                             csp::SourceLocation loc, csptrace::ProcRole role) {
  return std::make_unique<Process>(rt, std::move(name), mode, loc, role);
}

Process& process_for_slow(const char* op, const ChannelCore* ch, csp::SourceLocation loc) {
  Process* p = tl_current;
  if (p == nullptr)
    throw ChannelError(format_loc(loc) + ": " + op + chan_part(ch) +
                       " from a thread the runtime does not know (or outside csp::run); start "
                       "threads with csp::thread(name, f) and run the program with csp::run");
  if (p->mode != ProcMode::Go) {
    if (the_runtime().deadlocked())
      throw Deadlock(format_loc(loc) + ": " + op + chan_part(ch) + " in '" + p->name() +
                     "' after the run deadlocked");
    if (the_runtime().stopping())
      throw Shutdown(format_loc(loc) + ": " + op + chan_part(ch) + " in thread '" + p->name() +
                     "' after main returned; the run is over");
  }
  return *p;
}

Process& blocking_process_for(const char* op, const ChannelCore* ch, csp::SourceLocation loc) {
  Process* p = tl_current;
  if (p && p->mode == ProcMode::Go)
    throw BlockingCallError(format_loc(loc) + ": blocking " + op + chan_part(ch) +
                            " inside go process '" + p->name() +
                            "' would stall a pool worker; use co_await (take(), put(v), alts) "
                            "in a go process, or run the blocking code in csp::thread");
  return process_for(op, ch, loc);
}

void block_until_woken(Process& p, Waiter* waiters, std::size_t count) {
  const Signal s = the_runtime().scheduler().block(p);
  p.waiting = nullptr;  // the waiters are on the caller's stack
  if (s == Signal::Run) return;
  for (std::size_t i = 0; i < count; ++i)
    if (waiters[i].chan) waiters[i].chan->cancel(&waiters[i]);
  if (s == Signal::Deadlock) throw Deadlock(the_runtime().result().message);
  throw Shutdown("thread '" + p.name() + "' released: main returned and the run is over");
}

uint64_t next_random() {
  Process* p = tl_current;
  if (p == nullptr) return 0;
  return the_runtime().scheduler().random();
}

bool tracing(const Runtime& rt) noexcept { return rt.rec != nullptr || rt.dumps(); }

void register_go(Process& p, const CaptureLog& captured) {
  the_runtime().register_process(p);
  the_runtime().record_handles(p, captured);
  the_runtime().activity_up();  // runnable from now on
}

ChannelCore* make_go_result(Process& p, const ChannelCore::ResultBlock& block,
                            const ValueOps& result_ops) {
  return ChannelCore::make_result(block, result_ops, p, p.spawned_at());
}

void start_go(Process& p) { the_runtime().scheduler().spawn(p); }

void finish_process(Process& p, ChannelCore* result, std::exception_ptr error) {
  Runtime& rt = the_runtime();
  std::string message;
  if (error) {
    message = error_text(error);
    rt.add_error(p.name(), message);
  }
  if (result) result->close(&p, {});
  Event e(EventKind::Exit);
  if (rt.rec) {
    e.with_proc(p.id).with_status(error ? csptrace::ExitStatus::Error : csptrace::ExitStatus::Ok);
    if (error) e.with_message(rt.rec->intern(message));
  }
  rt.unregister_process(p, rt.rec ? &e : nullptr);
  if (error) rt.note_failed_exit();
  rt.activity_down();
}

ChannelCore* start_thread(std::string name, csp::SourceLocation loc, const ValueOps& result_ops,
                          std::function<void(ChannelCore* result)> body, csptrace::ProcRole role,
                          const CaptureLog& captured) {
  Runtime& rt = runtime_for("csp::thread", loc);
  std::unique_ptr<Process> owned =
      make_thread_process(rt, std::move(name), ProcMode::Thread, loc, role);
  Process& p = *owned;
  rt.register_process(p);
  rt.record_handles(p, captured);
  rt.activity_up();  // a thread outside a channel operation can act
  ChannelCore* result = ChannelCore::make_result(
      ChannelCore::allocate_result_block(result_ops, 0, 1), result_ops, p, loc);
  result->retain();  // one reference for the thread, one for the caller
  rt.scheduler().spawn(p);
  std::thread t([&rt, &p, result, body = std::move(body)] {
    tl_current = &p;
    std::exception_ptr error;
    bool released = false;  // by a deadlock or the shutdown: the run is over, record nothing
    if (rt.scheduler().thread_begin(p) == Signal::Run) {
      try {
        body(result);
      } catch (const Deadlock&) {
        released = true;
      } catch (const Shutdown&) {
        released = true;
      } catch (...) {
        error = std::current_exception();
      }
    } else {
      released = true;
    }
    if (released || rt.deadlocked() || rt.stopping()) {
      rt.unregister_process(p);
    } else {
      finish_process(p, result, error);
      rt.scheduler().thread_end(p);
    }
    result->release();
    tl_current = nullptr;
  });
  rt.adopt_thread(std::move(owned), std::move(t));
  return result;
}

ChannelCore* make_timeout(std::chrono::nanoseconds d, csp::SourceLocation loc) {
  Runtime& rt = runtime_for("csp::timeout", loc);
  if (d.count() < 0) d = std::chrono::nanoseconds(0);
  const auto ms = std::chrono::duration<double, std::milli>(d).count();
  std::string name = "timeout ";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%gms", ms);
  name += buf;
  ChannelCore* ch =
      ChannelCore::make(value_ops<Unit>(), csptrace::BufferKind::Timer, 0, name, loc, d.count());
  if (rt.rec) {
    Event e(EventKind::TimerArm);
    e.with_chan(ch->id()).with_duration(d.count());
    if (tl_current) e.with_proc(tl_current->id);
    rt.rec->record(e);
  }
  rt.activity_up();  // an armed timer keeps the run alive
  ch->retain();      // for the scheduler until it fires
  rt.scheduler().arm_timer(ch, d);
  return ch;
}

}  // namespace csp::detail
