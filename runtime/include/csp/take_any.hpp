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
#include <csp/detail/alt_call.hpp>
#include <csp/detail/runtime_hooks.hpp>
#include <csp/errors.hpp>

#include <coroutine>
#include <csp/source_location.hpp>
#include <optional>
#include <string>
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
      : chans_(std::move(chans)), outs_(chans_.size()), slots_(chans_.size()), loc_(loc) {
    if (chans_.empty())
      throw ChannelError(std::string(loc.file_name()) + ":" + std::to_string(loc.line()) +
                         ": take_any needs at least one channel");
    for (std::size_t i = 0; i < chans_.size(); ++i) {
      if (!chans_[i].valid())
        throw ChannelError(std::string(loc.file_name()) + ":" + std::to_string(loc.line()) +
                           ": take_any on a null csp::Chan (index " + std::to_string(i) + ")");
      slots_[i].chan = chans_[i].core_ptr();
      slots_[i].op = csptrace::WaitOp::Take;
      slots_[i].io = &outs_[i];
    }
    call_.slots = slots_.data();
    call_.count = slots_.size();
    call_.priority = opts.priority;
    call_.has_default = opts.has_default;
    call_.loc = loc;
  }
  TakeAnyOperation(const TakeAnyOperation&) = delete;
  TakeAnyOperation& operator=(const TakeAnyOperation&) = delete;
  ~TakeAnyOperation() {
    if (waiting_) call_.end();
  }

  bool await_ready() const noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) {
    return call_.suspend(detail::process_for("take_any", slots_[0].chan, loc_), h, waiting_);
  }
  TakeAnyResult<T> await_resume() {
    if (waiting_) {
      waiting_ = false;
      call_.end();
    }
    return result();
  }

  TakeAnyResult<T> run_blocking() {
    call_.wait_blocking(detail::blocking_process_for("take_any_blocking", slots_[0].chan, loc_));
    return result();
  }

 private:
  TakeAnyResult<T> result() {
    TakeAnyResult<T> r;
    r.index = call_.chosen;
    if (r.index >= 0) r.value = std::move(outs_[static_cast<std::size_t>(r.index)]);
    return r;
  }

  std::vector<Chan<T>> chans_;
  std::vector<std::optional<T>> outs_;
  std::vector<detail::AltSlot> slots_;
  csp::SourceLocation loc_;
  detail::AltCall call_;
  bool waiting_ = false;
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
