// Exceptions the runtime throws at the program. Each message names the process, the channel and
// the source line involved, and says what to do.
#pragma once

#include <stdexcept>
#include <string>

namespace csp {

// Base of every error the runtime raises.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A misuse of a channel: too many pending operations, an operation outside csp::run, ...
class ChannelError : public Error {
 public:
  using Error::Error;
};

// remove() on an empty buffer object (csp/buffers/): core.async's remove! of an empty buffer.
class BufferEmpty : public Error {
 public:
  using Error::Error;
};

// A blocking operation (put_blocking, take_blocking, alts_blocking) was called inside a go
// process, where it would stall a pool worker (core.async: "Invalid blocking call in dispatch
// thread"). Use co_await in a go process.
class BlockingCallError : public Error {
 public:
  using Error::Error;
};

// Thrown out of a blocking operation when the runtime found a global deadlock: the thread can
// never be released otherwise. csp::run reports the deadlock in its RunResult.
class Deadlock : public Error {
 public:
  using Error::Error;
};

// Thrown out of a blocking operation of a csp::thread when the program (main) has finished and
// the runtime shuts down.
class Shutdown : public Error {
 public:
  using Error::Error;
};

}  // namespace csp
