// What each kind of buffer does, as the one question a channel asks of it: what happens to a put
// when the buffer has no room (core.async's buffers: impl/buffers.clj). A take always takes the
// oldest value; only a promise leaves it there for the next taker.
#pragma once

#include <csptrace/schema.hpp>

#include <cstdint>

namespace csp::detail {

enum class WhenFull : uint8_t {
  Wait,        // the put waits for room (fixed) or for a taker (unbuffered)
  DropNew,     // the put completes and its value is dropped (dropping)
  DropOldest,  // the put completes and the oldest value is dropped to make room (sliding)
  KeepFirst,   // the first value stays forever and every take gets a copy (promise)
};

constexpr WhenFull when_full(csptrace::BufferKind k) noexcept {
  switch (k) {
    case csptrace::BufferKind::Dropping: return WhenFull::DropNew;
    case csptrace::BufferKind::Sliding: return WhenFull::DropOldest;
    case csptrace::BufferKind::Promise: return WhenFull::KeepFirst;
    case csptrace::BufferKind::Unbuffered:
    case csptrace::BufferKind::Fixed:
    case csptrace::BufferKind::Timer: break;  // a timer is never put on: it only closes
  }
  return WhenFull::Wait;
}

// Putters wait only on these (so a take that makes room lets the first one in).
constexpr bool puts_wait(csptrace::BufferKind k) noexcept { return when_full(k) == WhenFull::Wait; }

}  // namespace csp::detail
