// Proc<T>: the coroutine type of a lightweight process body (and of helpers it calls).
//
//   csp::go("echo", [=]() -> csp::Proc<int> { auto v = co_await c.take(); co_return *v; });
//   csp::Proc<int> helper(csp::Chan<int> c) { co_return *co_await c.take(); }  // co_await
//   helper(c)
//
// A Proc is lazy: it runs when go() schedules it or when another Proc co_awaits it (which
// resumes the caller when it returns, on the same worker; an exception propagates to the caller).
#pragma once

#include <csp/detail/process.hpp>
#include <csp/detail/runtime_hooks.hpp>

#include <coroutine>
#include <cstddef>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <utility>

namespace csp {

template <class T = void>
class Proc;

namespace detail {

struct ProcPromiseBase {
  std::coroutine_handle<> continuation;  // the awaiting Proc, if any
  std::exception_ptr error;

  // Frames: see FrameSlot. `first` is the coroutine's first argument (for a lambda, the
  // closure object), which tells the root frame of a process being started from the others.
  template <class First, class... Rest>
  [[gnu::always_inline]] static void* operator new(std::size_t n, const First& first,
                                                   const Rest&...) {
    if (static_cast<const void*>(std::addressof(first)) == tl_frame_slot.fn) [[unlikely]] {
      tl_frame_slot.fn = nullptr;  // only this frame
      tl_frame_slot.needed = n;
      tl_frame_slot.matched = n <= tl_frame_slot.room ? tl_frame_slot.at : ::operator new(n);
      return tl_frame_slot.matched;
    }
    return ::operator new(n);
  }
  [[gnu::always_inline]] static void* operator new(std::size_t n) { return ::operator new(n); }
  [[gnu::always_inline]] static void operator delete(void* p, std::size_t n) noexcept {
    if (in_frame_slot(p)) return;
#if defined(__cpp_sized_deallocation)
    ::operator delete(p, n);
#else
    (void)n;  // clang enables sized deallocation only with -fsized-deallocation
    ::operator delete(p);
#endif
  }

  std::suspend_always initial_suspend() noexcept { return {}; }
  struct FinalAwaiter {
    bool await_ready() const noexcept { return false; }
    template <class P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      ProcPromiseBase& pr = h.promise();
      if (pr.continuation) return pr.continuation;
      // The body of a go process ended (a frame with no continuation is a root: every other
      // Proc runs only when awaited). The process running it is tl_current; it publishes its
      // result and frees itself (this frame included); nothing may touch the frame afterwards.
      tl_current->on_root_done();
      return next_after_park();
    }
    void await_resume() const noexcept {}
  };
  FinalAwaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept { error = std::current_exception(); }
};

template <class T>
struct ProcPromise : ProcPromiseBase {
  std::optional<T> value;
  Proc<T> get_return_object() noexcept;
  template <class U>
  void return_value(U&& v) {
    value.emplace(std::forward<U>(v));
  }
  T take_result() {
    if (error) std::rethrow_exception(error);
    return std::move(*value);
  }
};

template <>
struct ProcPromise<void> : ProcPromiseBase {
  Proc<void> get_return_object() noexcept;
  void return_void() noexcept {}
  void take_result() {
    if (error) std::rethrow_exception(error);
  }
};

}  // namespace detail

template <class T>
class [[nodiscard]] Proc {
 public:
  using value_type = T;
  using promise_type = detail::ProcPromise<T>;
  using handle_type = std::coroutine_handle<promise_type>;

  Proc() noexcept = default;  // no coroutine
  explicit Proc(handle_type h) noexcept : h_(h) {}
  Proc(Proc&& o) noexcept : h_(std::exchange(o.h_, {})) {}
  Proc& operator=(Proc&& o) noexcept {
    if (this != &o) {
      if (h_) h_.destroy();
      h_ = std::exchange(o.h_, {});
    }
    return *this;
  }
  ~Proc() {
    if (h_) h_.destroy();
  }

  // co_await helper(...) inside a process: runs it, then resumes here with its result.
  auto operator co_await() && noexcept {
    struct Awaiter {
      handle_type h;
      bool await_ready() const noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<> caller) noexcept {
        h.promise().continuation = caller;
        return h;
      }
      T await_resume() { return h.promise().take_result(); }
    };
    return Awaiter{h_};
  }

  // For the runtime: the frame, which the Proc keeps owning.
  handle_type handle() const noexcept { return h_; }

 private:
  handle_type h_{};
};

namespace detail {
template <class T>
Proc<T> ProcPromise<T>::get_return_object() noexcept {
  return Proc<T>(std::coroutine_handle<ProcPromise<T>>::from_promise(*this));
}
inline Proc<void> ProcPromise<void>::get_return_object() noexcept {
  return Proc<void>(std::coroutine_handle<ProcPromise<void>>::from_promise(*this));
}
}  // namespace detail

}  // namespace csp
