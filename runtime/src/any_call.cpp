// AnyCall: the type-free half of take_any and put_any (csp/detail/any_call.hpp).
#include <csp/detail/any_call.hpp>

#include "runtime.hpp"

#include <csp/detail/runtime_hooks.hpp>
#include <csp/errors.hpp>

#include <string>

namespace csp::detail {

AnyCall::AnyCall(csptrace::WaitOp op, std::size_t count, bool priority, bool has_default,
                 csp::SourceLocation loc)
    : op_(op), slots_(count), loc_(loc) {
  if (count == 0)
    throw ChannelError(format_loc(loc) + ": " + name() + " needs at least one channel");
  call_.slots = slots_.data();
  call_.count = slots_.size();
  call_.priority = priority;
  call_.has_default = has_default;
  call_.loc = loc;
}

const char* AnyCall::name() const noexcept {
  return op_ == csptrace::WaitOp::Put ? "put_any" : "take_any";
}

void AnyCall::bind(std::size_t i, ChannelCore* chan, void* io) {
  if (chan == nullptr)
    throw ChannelError(format_loc(loc_) + ": " + name() + " on a null csp::Chan (index " +
                       std::to_string(i) + ")");
  slots_[i].chan = chan;
  slots_[i].op = op_;
  slots_[i].io = io;
}

std::coroutine_handle<> AnyCall::suspend(std::coroutine_handle<> h) {
  return call_.suspend(process_for(name(), slots_[0].chan, loc_), h, waiting_);
}

void AnyCall::block() {
  const char* blocking = op_ == csptrace::WaitOp::Put ? "put_any_blocking" : "take_any_blocking";
  call_.wait_blocking(blocking_process_for(blocking, slots_[0].chan, loc_));
}

}  // namespace csp::detail
