// How a channel buffers: unbuffered (rendezvous), fixed(n), dropping(n), sliding(n).
#pragma once

#include <cstddef>

namespace csp {

struct BufferSpec {
  enum class Policy : unsigned char { Unbuffered, Fixed, Dropping, Sliding };
  Policy policy = Policy::Unbuffered;
  std::size_t capacity = 0;
};

// Holds up to n values; a put on a full buffer waits.
constexpr BufferSpec fixed(std::size_t n) { return {BufferSpec::Policy::Fixed, n}; }
// Holds up to n values; a put on a full buffer succeeds and the new value is dropped.
constexpr BufferSpec dropping(std::size_t n) { return {BufferSpec::Policy::Dropping, n}; }
// Holds up to n values; a put on a full buffer succeeds and the oldest value is dropped.
constexpr BufferSpec sliding(std::size_t n) { return {BufferSpec::Policy::Sliding, n}; }
// No buffer: a put completes only when a taker takes (the default).
constexpr BufferSpec unbuffered() { return {}; }

// Whether a put on a channel with this buffer never waits (core.async's unblocking-buffer?):
// true for dropping and sliding (and a promise channel: Chan::unblocking), false for fixed
// and unbuffered.
constexpr bool unblocking(BufferSpec b) {
  return b.policy == BufferSpec::Policy::Dropping || b.policy == BufferSpec::Policy::Sliding;
}

}  // namespace csp
