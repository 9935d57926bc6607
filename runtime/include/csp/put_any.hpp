// put_any: alts over puts of one value to a run-time list of channels of one type (Go's select
// over sends built at run time; core.async's alts! with [ch val] pairs of one val). Same rules
// as alts: seeded random among the ready ones (or listed order with csp::priority),
// csp::otherwise for "return at once", else wait on all. Each guard puts its own copy of the
// value; only the winner's copy is delivered.
//
//   csp::PutAnyResult r = co_await csp::put_any(taps, v);
//   if (r.index >= 0 && !r.ok) ...                 // taps[r.index] was closed
#pragma once

#include <csp/alts.hpp>
#include <csp/chan.hpp>
#include <csp/detail/any_call.hpp>
#include <csp/take_any.hpp>

#include <coroutine>
#include <csp/source_location.hpp>
#include <utility>
#include <vector>

namespace csp {

struct PutAnyResult {
  int index = -1;   // which channel took the value; -1: the default (csp::otherwise)
  bool ok = false;  // false: that channel was closed (the value was not delivered)
};

template <class T>
class [[nodiscard]] PutAnyOperation {
 public:
  PutAnyOperation(std::vector<Chan<T>> chans, const T& value, detail::AltOptions opts,
                  csp::SourceLocation loc)
      : chans_(std::move(chans)),
        values_(chans_.size(), value),
        call_(csptrace::WaitOp::Put, chans_.size(), opts.priority, opts.has_default, loc) {
    for (std::size_t i = 0; i < chans_.size(); ++i)
      call_.bind(i, chans_[i].core_ptr(), &values_[i]);
  }

  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) { return call_.suspend(h); }
  PutAnyResult await_resume() {
    call_.resume();
    return result();
  }

  PutAnyResult run_blocking() {
    call_.block();
    return result();
  }

 private:
  // A put guard completes Done (delivered) or Closed (refused); the winner's waiter says which.
  PutAnyResult result() const {
    PutAnyResult r;
    r.index = call_.chosen();
    if (r.index >= 0)
      r.ok =
          call_.slot(static_cast<std::size_t>(r.index)).waiter.result == detail::WaitResult::Done;
    return r;
  }

  std::vector<Chan<T>> chans_;
  std::vector<T> values_;  // one copy per guard: a put moves from its guard's copy
  detail::AnyCall call_;   // after values_: its slots point into it
};

// co_await csp::put_any(chans, value [, csp::priority] [, csp::otherwise]) in a go process.
template <class T>
PutAnyOperation<T> put_any(std::vector<Chan<T>> chans, const T& value, TakeAnyOption a = {},
                           TakeAnyOption b = {},
                           csp::SourceLocation loc = csp::SourceLocation::current()) {
  return PutAnyOperation<T>(std::move(chans), value, detail::combine(a, b), loc);
}

// The blocking form for threads and main.
template <class T>
PutAnyResult put_any_blocking(std::vector<Chan<T>> chans, const T& value, TakeAnyOption a = {},
                              TakeAnyOption b = {},
                              csp::SourceLocation loc = csp::SourceLocation::current()) {
  return PutAnyOperation<T>(std::move(chans), value, detail::combine(a, b), loc).run_blocking();
}

}  // namespace csp
