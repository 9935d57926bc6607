// take_any: alts over a run-time list of channels of one type (core.async's alts! over a
// vector of ports). Same rules as alts: seeded random among the ready ones (or listed order
// with csp::priority), csp::otherwise for "return at once", else wait on all.
//
//   std::vector<csp::Chan<int>> inputs = ...;
//   csp::TakeAnyResult<int> r = co_await csp::take_any(inputs);
//   if (r.index >= 0 && r.value) use(*r.value);        // r.value empty: inputs[r.index] closed
#pragma once

#include <csp/alts.hpp>
#include <csp/chan.hpp>
#include <csp/detail/any_call.hpp>

#include <coroutine>
#include <csp/source_location.hpp>
#include <optional>
#include <utility>
#include <vector>

namespace csp {

template <class T>
struct TakeAnyResult {
  int index = -1;          // which channel won; -1: the default (csp::otherwise)
  std::optional<T> value;  // empty when that channel was closed and drained
};

template <class T>
class [[nodiscard]] TakeAnyOperation {
 public:
  TakeAnyOperation(std::vector<Chan<T>> chans, detail::AltOptions opts, csp::SourceLocation loc)
      : chans_(std::move(chans)),
        outs_(chans_.size()),
        call_(csptrace::WaitOp::Take, chans_.size(), opts.priority, opts.has_default, loc) {
    for (std::size_t i = 0; i < chans_.size(); ++i) call_.bind(i, chans_[i].core_ptr(), &outs_[i]);
  }

  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) { return call_.suspend(h); }
  TakeAnyResult<T> await_resume() {
    call_.resume();
    return result();
  }

  TakeAnyResult<T> run_blocking() {
    call_.block();
    return result();
  }

 private:
  TakeAnyResult<T> result() {
    TakeAnyResult<T> r;
    r.index = call_.chosen();
    if (r.index >= 0) r.value = std::move(outs_[static_cast<std::size_t>(r.index)]);
    return r;
  }

  std::vector<Chan<T>> chans_;
  std::vector<std::optional<T>> outs_;
  detail::AnyCall call_;  // after outs_: its slots point into it
};

// An option of take_any: csp::priority or csp::otherwise (or nothing).
struct TakeAnyOption {
  detail::AltOptions opts;
  TakeAnyOption() = default;
  TakeAnyOption(PriorityTag) { opts.priority = true; }      // NOLINT: implicit by design
  TakeAnyOption(OtherwiseTag) { opts.has_default = true; }  // NOLINT: implicit by design
};

namespace detail {
inline AltOptions combine(const TakeAnyOption& a, const TakeAnyOption& b) {
  return {a.opts.priority || b.opts.priority, a.opts.has_default || b.opts.has_default};
}
}  // namespace detail

// co_await csp::take_any(chans [, csp::priority] [, csp::otherwise]) in a go process.
template <class T>
TakeAnyOperation<T> take_any(std::vector<Chan<T>> chans, TakeAnyOption a = {}, TakeAnyOption b = {},
                             csp::SourceLocation loc = csp::SourceLocation::current()) {
  return TakeAnyOperation<T>(std::move(chans), detail::combine(a, b), loc);
}

// The blocking form for threads and main.
template <class T>
TakeAnyResult<T> take_any_blocking(std::vector<Chan<T>> chans, TakeAnyOption a = {},
                                   TakeAnyOption b = {},
                                   csp::SourceLocation loc = csp::SourceLocation::current()) {
  return TakeAnyOperation<T>(std::move(chans), detail::combine(a, b), loc).run_blocking();
}

}  // namespace csp
