// go(name, f): start a lightweight process; thread(name, f): start a real OS thread.
//
//   csp::Chan<int> r = csp::go("echo", [=]() -> csp::Proc<int> { co_return 42; });
//   csp::Chan<csp::Unit> t = csp::thread("writer", [=] { c.put_blocking(1); });
//
// The callable is moved into runtime-owned storage before it is invoked, so a capturing lambda
// never dangles across a suspension. Both return a result channel ("result of NAME",
// buffer 1) that receives the result, then closes; for a void body it just closes. An exception
// escaping the body is recorded (exit status error), closes the result channel and is reported
// in csp::run's RunResult.
#pragma once

#include <csp/chan.hpp>
#include <csp/proc.hpp>
#include <csp/unit.hpp>

#include <cstddef>
#include <functional>
#include <new>
#include <source_location>
#include <string>
#include <type_traits>
#include <utility>

namespace csp {

namespace detail {

// Registers a go process (records spawn), then makes its result channel at the front of the
// block the process lives in (records chan_make) and returns it.
ChannelCore* register_go(Process& p, const ChannelCore::ResultBlock& block,
                         const ValueOps& result_ops);
// Makes a registered go process runnable; it starts at p.resume_point.
void start_go(Process& p);
// The end of a process: closes `result`, records exit (with the error's text, if any) and
// unregisters it. The caller frees the process afterwards.
void finish_process(Process& p, ChannelCore* result, std::exception_ptr error);
// Starts an OS thread running `body` as process `name`; returns its result channel. `body`
// puts the result (if any); the runtime does the rest as finish_process.
ChannelCore* start_thread(std::string name, std::source_location loc, const ValueOps& result_ops,
                          std::function<void(ChannelCore* result)> body);

template <class R>
using ResultOf = std::conditional_t<std::is_void_v<R>, Unit, R>;

// A go process lives in one allocation with its result channel: [result channel][process]
// [channel buffer]. The channel is at the front (found from the process's address) and the
// block is freed when the process has ended and the last handle on the channel is gone: the
// process holds one reference on the channel and drops it only after its own destructor has
// run. The coroutine frame is allocated on its own (its size is known only to the compiler).
template <class F, class R>
class GoProcess final : public Process {
 public:
  static Chan<ResultOf<R>> spawn(Runtime& rt, std::string name, F&& fn, std::source_location loc) {
    const ValueOps& ops = value_ops<ResultOf<R>>();
    const ChannelCore::ResultBlock block =
        ChannelCore::allocate_result_block(ops, sizeof(GoProcess), alignof(GoProcess));
    GoProcess* p;
    try {
      p = new (block.process) GoProcess(rt, std::move(name), std::move(fn), loc);
    } catch (...) {
      ChannelCore::free_result_block(block);
      throw;
    }
    return p->start(block, ops);
  }

  void on_root_done() override {
    auto& promise = task_.handle().promise();
    std::exception_ptr error = promise.error;
    if constexpr (!std::is_void_v<R>) {
      if (!error) {
        R value = std::move(*promise.value);
        OpContext ctx{this, spawned_at, WaitMode::None};
        result()->put(&value, nullptr, ctx);
      }
    }
    finish_process(*this, result(), error);
    task_ = Proc<R>();  // destroys the (suspended, final) frame
    end();
  }

  void abandon() override {
    task_ = Proc<R>();
    end();
  }

 private:
  static constexpr std::size_t process_at() {  // from the block's start
    return ChannelCore::extra_offset(alignof(GoProcess));
  }

  GoProcess(Runtime& rt, std::string name, F&& fn, std::source_location loc)
      : Process(rt, std::move(name), csptrace::ProcMode::Go, loc), fn_(std::move(fn)) {}
  ~GoProcess() override = default;

  Chan<ResultOf<R>> start(const ChannelCore::ResultBlock& block, const ValueOps& ops) {
    ChannelCore* result = register_go(*this, block, ops);
    result->retain();  // the process's reference
    Chan<ResultOf<R>> out(result);
    try {
      task_ = std::invoke(fn_);  // creates the (suspended) frame; the body has not run yet
    } catch (...) {             // e.g. allocating the frame failed: the process ends at once
      finish_process(*this, result, std::current_exception());
      end();
      return out;
    }
    resume_point = task_.handle();
    start_go(*this);  // from here on the process may run (and end) on another worker
    return out;
  }

  // Destroys the process, then drops its reference on the result channel, which frees the
  // block when it was the last.
  void end() noexcept {
    ChannelCore* ch = result();
    this->~GoProcess();
    ch->release();
  }

  ChannelCore* result() noexcept {
    return reinterpret_cast<ChannelCore*>(reinterpret_cast<unsigned char*>(this) - process_at());
  }

  F fn_;
  Proc<R> task_;
};

}  // namespace detail

// Starts a lightweight process. f is a callable returning csp::Proc<R>; the result channel is a
// Chan<R> (Chan<Unit> for Proc<void>, which only closes).
template <class F>
auto go(std::string name, F f, std::source_location loc = std::source_location::current()) {
  using P = std::invoke_result_t<F&>;
  using R = typename P::value_type;
  detail::Runtime& rt = detail::runtime_for("csp::go", loc);
  return detail::GoProcess<F, R>::spawn(rt, std::move(name), std::move(f), loc);
}

// Starts a real OS thread running f (any callable; its return value goes to the result
// channel). Inside it, use the blocking operations.
template <class F>
auto thread(std::string name, F f, std::source_location loc = std::source_location::current()) {
  using R = std::invoke_result_t<F&>;
  using T = detail::ResultOf<R>;
  detail::ChannelCore* result = detail::start_thread(
      std::move(name), loc, detail::value_ops<T>(),
      [fn = std::move(f)](detail::ChannelCore* out) mutable {
        if constexpr (std::is_void_v<R>) {
          std::invoke(fn);
        } else {
          T value = std::invoke(fn);
          detail::OpContext ctx{detail::tl_current, std::source_location::current(),
                                detail::WaitMode::None};
          out->put(&value, nullptr, ctx);
        }
      });
  return Chan<T>(result);
}

}  // namespace csp
