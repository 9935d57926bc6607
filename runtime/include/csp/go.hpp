// go(name, f): start a lightweight process; spawn(name, f): the same without a result channel;
// thread(name, f): start a real OS thread.
//
//   csp::Chan<int> r = csp::go("echo", [=]() -> csp::Proc<int> { co_return 42; });
//   csp::spawn("worker", [=]() -> csp::Proc<void> { co_await jobs.take(); });
//   csp::Chan<csp::Unit> t = csp::thread("writer", [=] { c.put_blocking(1); });
//   csp::spawn("logger", [=]() -> csp::Proc<void> { ... }, csp::daemon);
//
// A daemon is a process meant to outlive main (a server loop, a logger): the trace marks it,
// and the analysis does not count its waits when the program ends as a finding (every other
// process still waiting on a channel then is an error: it waits for a message that never
// comes).
// The callable is moved into runtime-owned storage before it is invoked, so a capturing lambda
// never dangles across a suspension. go and thread return a result channel ("result of NAME",
// buffer 1) that receives the result, then closes; for a void body it just closes. spawn is
// Go's `go` statement (PyCSP's Spawn): no result channel, so a process costs ~120 bytes less,
// and a result the body returns is dropped. An exception escaping the body is recorded (exit
// status error), closes the result channel (if any) and is reported in csp::run's RunResult.
#pragma once

#include <csp/chan.hpp>
#include <csp/proc.hpp>
#include <csp/unit.hpp>

#include <algorithm>
#include <atomic>
#include <csp/source_location.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <new>
#include <string>
#include <type_traits>
#include <utility>

namespace csp {

namespace detail {

// Registers a go process (records spawn, and a handle event per channel in `captured`).
void register_go(Process& p, const CaptureLog& captured);
// Whether the capture log is filled: the run is traced, or it can be dumped (its processes
// keep their handles for a snapshot).
bool tracing(const Runtime& rt) noexcept;
// Makes the result channel of registered go process `p` at the front of the block it lives in
// (records chan_make) and returns it.
ChannelCore* make_go_result(Process& p, const ChannelCore::ResultBlock& block,
                            const ValueOps& result_ops);
// Makes a registered go process runnable; it starts at p.resume_point.
void start_go(Process& p);
// The end of a process: closes `result`, records exit (with the error's text, if any) and
// unregisters it. The caller frees the process afterwards.
void finish_process(Process& p, ChannelCore* result, std::exception_ptr error);
// Starts an OS thread running `body` as process `name`; returns its result channel. `body`
// puts the result (if any); the runtime does the rest as finish_process.
ChannelCore* start_thread(std::string name, csp::SourceLocation loc, const ValueOps& result_ops,
                          std::function<void(ChannelCore* result)> body, csptrace::ProcRole role,
                          const CaptureLog& captured);

template <class R>
using ResultOf = std::conditional_t<std::is_void_v<R>, Unit, R>;

// A spawned process's first step in place of being made runnable (GoProcess::spawn).
using FirstStep = void (*)(Process& p, void* arg);

// A go process. With a result channel (go) it lives in one allocation with it: [result
// channel][process][frame slot][channel buffer]. The channel is at the front (found from the
// process's address) and the block is freed when the process has ended and the last handle on
// the channel is gone: the process holds one reference on the channel and drops it only after
// its own destructor has run. Without one (spawn) the block is [frame slot][process] or
// [process][frame slot], whichever is smaller, freed when the process ends: the slot starts
// at the block's alignment (16), so the part in front is rounded up to it. It matters when one
// size is a multiple of 16 and the other is not: the benchmark's frame of 160 bytes and record
// of 88 make 248 bytes frame first, 256 record first; a 152-byte frame and a 96-byte record
// make 256 frame first, 248 record first (GCC's frames are multiples of 8). The frame slot
// holds the root coroutine frame (see FrameSlot); it is empty for the first process of each
// callable type, which measures the frame.
template <class F, class R, bool HasResult>
class GoProcess final : public Process {
 public:
  using Handle = std::conditional_t<HasResult, Chan<ResultOf<R>>, void>;

  // `first` (spawn only, without a result channel): the process's first step, run by the
  // spawner in place of making it runnable: it must either make it runnable (start_go) or park
  // it (queue a waiter of it on a channel), as async_ops.hpp does. If `first` throws, the
  // process ends without having run (exit ok) and the exception goes to the spawner.
  static Handle spawn(Runtime& rt, std::string name, F&& fn, csp::SourceLocation loc,
                      csptrace::ProcRole role, FirstStep first = nullptr, void* arg = nullptr) {
    const std::size_t learned = frame_size_.load(std::memory_order_relaxed);
    const std::size_t room = learned == kNoSlot ? 0 : learned;
    if constexpr (HasResult) {
      const ValueOps& ops = value_ops<ResultOf<R>>();
      const ChannelCore::ResultBlock block =
          ChannelCore::allocate_result_block(ops, kSlotAfter + room, kAlign);
      GoProcess* p;
      CaptureLog captured;
      try {
        CaptureScope scope(tracing(rt) ? &captured : nullptr);
        p = new (block.process) GoProcess(rt, std::move(name), std::move(fn), loc, role);
      } catch (...) {
        ChannelCore::free_result_block(block);
        throw;
      }
      register_go(*p, captured);
      ChannelCore* result = make_go_result(*p, block, ops);
      result->retain();  // the process's reference
      Chan<ResultOf<R>> out(result);
      p->start(reinterpret_cast<unsigned char*>(p) + kSlotAfter, room);
      return out;
    } else {
      const std::size_t prefix = round_up(room);  // the frame first: the process's offset
      const bool frame_first = room != 0 && prefix + sizeof(GoProcess) <= kSlotAfter + room;
      const std::size_t at = frame_first ? prefix : 0;
      unsigned char* block = static_cast<unsigned char*>(
          allocate(frame_first ? prefix + sizeof(GoProcess) : kSlotAfter + room));
      GoProcess* p;
      CaptureLog captured;
      try {
        CaptureScope scope(tracing(rt) ? &captured : nullptr);
        p = new (block + at) GoProcess(rt, std::move(name), std::move(fn), loc, role);
      } catch (...) {
        deallocate(block);
        throw;
      }
      p->block_prefix = static_cast<uint8_t>(at / kAlign);
      register_go(*p, captured);
      p->start(frame_first ? block : block + kSlotAfter, room, first, arg);
    }
  }

  void on_root_done() override {
    auto& promise = task_.handle().promise();
    std::exception_ptr error = promise.error;
    if constexpr (HasResult && !std::is_void_v<R>) {
      if (!error) {
        R value = std::move(*promise.value);
        OpContext ctx{this, spawned_at(), WaitMode::None};
        result()->put(&value, nullptr, ctx);
      }
    }
    finish_process(*this, result(), error);
    task_ = Proc<R>();  // destroys the (suspended, final) frame; tl_current is this process
    end();
  }

  void abandon() override {
    if (frame_slot_at != 0) tl_frame_slot.owner_gone = frame_in_block();
    task_ = Proc<R>();
    tl_frame_slot.owner_gone = nullptr;
    end();
  }

 private:
  // Blocks are aligned for the process and for any frame (operator new's guarantee).
  static constexpr std::size_t kAlign =
      std::max(alignof(GoProcess), std::size_t{__STDCPP_DEFAULT_NEW_ALIGNMENT__});
  static constexpr std::size_t round_up(std::size_t n) {
    return (n + kAlign - 1) / kAlign * kAlign;
  }
  // Where the frame slot starts when it follows the process.
  static constexpr std::size_t kSlotAfter = round_up(sizeof(GoProcess));
  // The largest slot: spawn keeps its size in Process::block_prefix (in kAlign units), and
  // Process::frame_slot_at must reach the frame.
  static constexpr std::size_t kMaxRoom =
      kSlotAfter >= INT16_MAX
          ? 0
          : std::min<std::size_t>(UINT8_MAX * kAlign, INT16_MAX - kSlotAfter) / kAlign * kAlign;
  // The root frame's size for this callable type, once a process has measured it: 0 before
  // (and while the root frame is not a coroutine of the callable itself, or is larger than
  // kMaxRoom); kNoSlot once a frame other than the root took the callable's match (a call
  // operator that makes a frame of the callable's own member coroutine and returns another):
  // from then on the type gets no slot, so no such frame lands in one again.
  static inline std::atomic<std::size_t> frame_size_{0};
  static constexpr std::size_t kNoSlot = SIZE_MAX;

  // A spawned process's block. The aligned operator new rounds the size up to the alignment,
  // so it is used only when plain operator new's alignment is not enough.
  static void* allocate(std::size_t size) {
    if constexpr (kAlign > __STDCPP_DEFAULT_NEW_ALIGNMENT__)
      return ::operator new (size, std::align_val_t{kAlign});
    else
      return ::operator new(size);
  }
  static void deallocate(void* block) noexcept {
    if constexpr (kAlign > __STDCPP_DEFAULT_NEW_ALIGNMENT__)
      ::operator delete (block, std::align_val_t{kAlign});
    else
      ::operator delete(block);
  }

  static constexpr std::size_t process_at() {  // from the block's start
    return ChannelCore::extra_offset(kAlign);
  }

  GoProcess(Runtime& rt, std::string name, F&& fn, csp::SourceLocation loc, csptrace::ProcRole role)
      : Process(rt, std::move(name), csptrace::ProcMode::Go, loc, role), fn_(std::move(fn)) {}
  ~GoProcess() override = default;

  void* frame_in_block() noexcept { return reinterpret_cast<unsigned char*>(this) + frame_slot_at; }

  // Creates the frame of a registered process (in the slot of `room` bytes at `slot` when it
  // fits) and makes the process runnable.
  void start(unsigned char* slot, std::size_t room, FirstStep first = nullptr,
             void* arg = nullptr) {
    // tl_frame_slot by name, never through a reference (see FrameSlot). `outer`: a process
    // started while the callable makes its frame.
    const FrameSlot outer = tl_frame_slot;
    tl_frame_slot = {&fn_, slot, room, 0, slot};
    try {
      task_ = std::invoke(fn_);  // creates the (suspended) frame; the body has not run yet
    } catch (...) {              // e.g. allocating the frame failed: the process ends at once
      tl_frame_slot = outer;
      finish_process(*this, result(), std::current_exception());
      end();
      return;
    }
    const std::size_t needed = tl_frame_slot.needed;
    const bool root = needed != 0 && tl_frame_slot.matched == task_.handle().address();
    tl_frame_slot = outer;
    if (needed != 0 && needed <= room)  // a frame is in the slot (not freed on its own)
      frame_slot_at = static_cast<int16_t>(slot - reinterpret_cast<unsigned char*>(this));
    if (needed != 0 && !root) {
      frame_size_.store(kNoSlot, std::memory_order_relaxed);
    } else if (root && needed > room && needed <= kMaxRoom) {  // the next process's slot
      std::size_t unknown = 0;
      frame_size_.compare_exchange_strong(unknown, needed, std::memory_order_relaxed);
    }
    resume_point = task_.handle();
    if (first == nullptr) [[likely]] {
      start_go(*this);  // from here on the process may run (and end) on another worker
      return;
    }
    try {
      first(*this, arg);  // from here on, too
    } catch (...) {       // it neither parked nor started: it ends here, unrun
      finish_process(*this, result(), nullptr);
      abandon();
      throw;
    }
  }

  // Destroys the process and frees it; with a result channel, drops the process's reference
  // on it after the destructor, which frees the block when it was the last.
  void end() noexcept {
    if constexpr (HasResult) {
      ChannelCore* ch = result();
      this->~GoProcess();
      ch->release();
    } else {
      void* block = reinterpret_cast<unsigned char*>(this) - block_prefix * kAlign;
      this->~GoProcess();
      deallocate(block);
    }
  }

  ChannelCore* result() noexcept {
    if constexpr (!HasResult) return nullptr;
    return reinterpret_cast<ChannelCore*>(reinterpret_cast<unsigned char*>(this) - process_at());
  }

  F fn_;
  Proc<R> task_;
};

}  // namespace detail

// Marks a process as a daemon: go(name, f, csp::daemon), spawn(...), thread(...) (see the top).
struct DaemonTag {};
inline constexpr DaemonTag daemon{};

// Starts a lightweight process. f is a callable returning csp::Proc<R>; the result channel is a
// Chan<R> (Chan<Unit> for Proc<void>, which only closes).
template <class F>
auto go(std::string name, F f, csp::SourceLocation loc = csp::SourceLocation::current()) {
  using R = typename std::invoke_result_t<F&>::value_type;
  detail::Runtime& rt = detail::runtime_for("csp::go", loc);
  return detail::GoProcess<F, R, true>::spawn(rt, std::move(name), std::move(f), loc,
                                              csptrace::ProcRole::User);
}
template <class F>
auto go(std::string name, F f, DaemonTag,
        csp::SourceLocation loc = csp::SourceLocation::current()) {
  using R = typename std::invoke_result_t<F&>::value_type;
  detail::Runtime& rt = detail::runtime_for("csp::go", loc);
  return detail::GoProcess<F, R, true>::spawn(rt, std::move(name), std::move(f), loc,
                                              csptrace::ProcRole::Daemon);
}

// Starts a lightweight process without a result channel (Go's `go` statement): for processes
// whose end nobody waits for, or that report through channels of their own. The trace and the
// run's result still record its exit and any exception.
template <class F>
void spawn(std::string name, F f, csp::SourceLocation loc = csp::SourceLocation::current()) {
  using R = typename std::invoke_result_t<F&>::value_type;
  detail::Runtime& rt = detail::runtime_for("csp::spawn", loc);
  detail::GoProcess<F, R, false>::spawn(rt, std::move(name), std::move(f), loc,
                                        csptrace::ProcRole::User);
}
template <class F>
void spawn(std::string name, F f, DaemonTag,
           csp::SourceLocation loc = csp::SourceLocation::current()) {
  using R = typename std::invoke_result_t<F&>::value_type;
  detail::Runtime& rt = detail::runtime_for("csp::spawn", loc);
  detail::GoProcess<F, R, false>::spawn(rt, std::move(name), std::move(f), loc,
                                        csptrace::ProcRole::Daemon);
}

namespace detail {
template <class F>
auto start_thread_of(std::string name, F f, csp::SourceLocation loc, csptrace::ProcRole role) {
  using R = std::invoke_result_t<F&>;
  using T = ResultOf<R>;
  CaptureLog captured;
  std::function<void(ChannelCore*)> body;
  {
    CaptureScope scope(tracing(runtime_for("csp::thread", loc)) ? &captured : nullptr);
    body = [fn = std::move(f)](ChannelCore* out) mutable {
      if constexpr (std::is_void_v<R>) {
        std::invoke(fn);
      } else {
        T value = std::invoke(fn);
        OpContext ctx{tl_current, csp::SourceLocation::current(), WaitMode::None};
        out->put(&value, nullptr, ctx);
      }
    };
  }
  ChannelCore* result =
      start_thread(std::move(name), loc, value_ops<T>(), std::move(body), role, captured);
  return Chan<T>(result);
}
}  // namespace detail

// Starts a real OS thread running f (any callable; its return value goes to the result
// channel). Inside it, use the blocking operations.
template <class F>
auto thread(std::string name, F f, csp::SourceLocation loc = csp::SourceLocation::current()) {
  return detail::start_thread_of(std::move(name), std::move(f), loc, csptrace::ProcRole::User);
}
template <class F>
auto thread(std::string name, F f, DaemonTag,
            csp::SourceLocation loc = csp::SourceLocation::current()) {
  return detail::start_thread_of(std::move(name), std::move(f), loc, csptrace::ProcRole::Daemon);
}

}  // namespace csp
