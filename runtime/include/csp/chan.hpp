// Chan<T>: a cheap, copyable handle on a channel; many writers, many readers.
//
//   auto c = csp::chan<int>("ping");                       // unbuffered (rendezvous)
//   auto s = csp::chan<std::string>("shelf", csp::fixed(3)); // or dropping(n), sliding(n)
//   auto p = csp::promise_chan<int>("answer");             // keeps its first value forever
//
// In a go process: `co_await c.take()` (std::optional<T>, empty once closed and drained) and
// `co_await c.put(v)` (bool, false on a closed channel). On a thread or in main: take_blocking /
// put_blocking. Anywhere: offer / poll (never wait) and close (idempotent).
#pragma once

#include <csp/buffer_spec.hpp>
#include <csp/describe.hpp>
#include <csp/detail/capture_log.hpp>
#include <csp/detail/channel_core.hpp>
#include <csp/detail/runtime_hooks.hpp>
#include <csp/errors.hpp>
#include <csp/put_operation.hpp>
#include <csp/take_operation.hpp>

#include <csp/source_location.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace csp {

template <class T>
class Chan {
 public:
  using value_type = T;

  // A null handle; assign a channel to it before use.
  Chan() noexcept = default;
  // Adopts one reference of `core`.
  explicit Chan(detail::ChannelCore* core) noexcept : core_(core) {}
  Chan(const Chan& o) noexcept : core_(o.core_) {
    if (core_) core_->retain();
    detail::note_capture(core_);
  }
  Chan(Chan&& o) noexcept : core_(std::exchange(o.core_, nullptr)) { detail::note_capture(core_); }
  Chan& operator=(Chan o) noexcept {
    std::swap(core_, o.core_);
    return *this;
  }
  ~Chan() {
    if (core_) core_->release();
  }

  // Parking take, for go processes: co_await c.take().
  TakeOperation<T> take(csp::SourceLocation loc = csp::SourceLocation::current()) const {
    return TakeOperation<T>(core(loc), loc);
  }
  // Parking put, for go processes: co_await c.put(v).
  PutOperation<T> put(T v, csp::SourceLocation loc = csp::SourceLocation::current()) const {
    return PutOperation<T>(core(loc), std::move(v), loc);
  }

  // Blocking put, for threads and main. False on a closed channel. Throws BlockingCallError
  // inside a go process, csp::Deadlock when the run deadlocks while it waits.
  bool put_blocking(T v, csp::SourceLocation loc = csp::SourceLocation::current()) const {
    detail::ChannelCore* ch = core(loc);
    detail::Process& p = detail::blocking_process_for("put_blocking", ch, loc);
    detail::Waiter w(detail::Waiter::Lazy{}, ch, loc);
    detail::OpStatus st = ch->put(&v, &w, {&p, loc, detail::WaitMode::Block});
    if (st != detail::OpStatus::Waiting) return st == detail::OpStatus::Done;
    detail::block_until_woken(p, &w, 1);
    return w.result == detail::WaitResult::Done;
  }
  // Blocking take, for threads and main. Empty once the channel is closed and drained.
  std::optional<T> take_blocking(csp::SourceLocation loc = csp::SourceLocation::current()) const {
    detail::ChannelCore* ch = core(loc);
    detail::Process& p = detail::blocking_process_for("take_blocking", ch, loc);
    std::optional<T> out;
    detail::Waiter w(detail::Waiter::Lazy{}, ch, loc);
    if (ch->take(&out, &w, {&p, loc, detail::WaitMode::Block}) == detail::OpStatus::Waiting)
      detail::block_until_woken(p, &w, 1);
    return out;
  }

  // Puts only if that can complete now (a waiting taker or room in the buffer). False otherwise
  // and on a closed channel.
  bool offer(T v, csp::SourceLocation loc = csp::SourceLocation::current()) const {
    detail::ChannelCore* ch = core(loc);
    detail::Process& p = detail::process_for("offer", ch, loc);
    return ch->put(&v, nullptr, {&p, loc, detail::WaitMode::None}) == detail::OpStatus::Done;
  }
  // Takes only if a value is available now.
  std::optional<T> poll(csp::SourceLocation loc = csp::SourceLocation::current()) const {
    detail::ChannelCore* ch = core(loc);
    detail::Process& p = detail::process_for("poll", ch, loc);
    std::optional<T> out;
    ch->take(&out, nullptr, {&p, loc, detail::WaitMode::None});
    return out;
  }

  // Idempotent. Waiting takers get nothing; buffered values and parked puts stay takeable.
  void close(csp::SourceLocation loc = csp::SourceLocation::current()) const {
    detail::ChannelCore* ch = core(loc);
    ch->close(&detail::process_for("close", ch, loc), loc);
  }

  bool valid() const noexcept { return core_ != nullptr; }
  explicit operator bool() const noexcept { return valid(); }
  // Name and trace id; valid() required.
  std::string name() const { return core_->name(); }
  csptrace::ChanId id() const noexcept { return core_->id(); }
  bool closed() const noexcept { return core_->closed(); }
  // Go's len(c): the values buffered now (a snapshot; 0 when unbuffered). valid() required.
  std::size_t size() const noexcept { return core_->size(); }
  // Go's cap(c): the buffer's capacity (0 when unbuffered; 1 for a promise). valid() required.
  std::size_t capacity() const noexcept { return core_->capacity(); }
  // Whether a put never waits (core.async's unblocking-buffer?): dropping, sliding, promise.
  bool unblocking() const noexcept {
    const csptrace::BufferKind k = core_->kind();
    return k == csptrace::BufferKind::Dropping || k == csptrace::BufferKind::Sliding ||
           k == csptrace::BufferKind::Promise;
  }

  friend bool operator==(const Chan& a, const Chan& b) noexcept { return a.core_ == b.core_; }

  // The channel machinery (for alts and the runtime); valid() required.
  detail::ChannelCore* core_ptr() const noexcept { return core_; }

 private:
  detail::ChannelCore* core(csp::SourceLocation loc) const {
    if (core_ == nullptr) [[unlikely]]
      null_channel(loc);
    return core_;
  }
  [[noreturn, gnu::cold, gnu::noinline]] static void null_channel(csp::SourceLocation loc) {
    throw ChannelError(std::string(loc.file_name()) + ":" + std::to_string(loc.line()) +
                       ": operation on a null csp::Chan; create it with csp::chan<T>(name)");
  }

  detail::ChannelCore* core_ = nullptr;
};

// A channel sent over a channel shows as its name in the trace.
template <class T>
struct Describe<Chan<T>> {
  static Preview preview(const Chan<T>& c) {
    return Preview::of_text(c.valid() ? "chan " + c.name() : "null chan");
  }
};

namespace detail {
// The trace's name for a buffer spec's policy.
constexpr csptrace::BufferKind buffer_kind(BufferSpec buffer) noexcept {
  switch (buffer.policy) {
    case BufferSpec::Policy::Unbuffered: break;
    case BufferSpec::Policy::Fixed: return csptrace::BufferKind::Fixed;
    case BufferSpec::Policy::Dropping: return csptrace::BufferKind::Dropping;
    case BufferSpec::Policy::Sliding: return csptrace::BufferKind::Sliding;
  }
  return csptrace::BufferKind::Unbuffered;
}
}  // namespace detail

// An unbuffered channel, or one with the given buffer. Unnamed channels are called "chan-N".
// With a transform (a transducer): csp/transform_chan.hpp.
template <class T>
Chan<T> chan(std::string_view name = {}, BufferSpec buffer = {},
             csp::SourceLocation loc = csp::SourceLocation::current()) {
  return Chan<T>(detail::ChannelCore::make(detail::value_ops<T>(), detail::buffer_kind(buffer),
                                           buffer.capacity, name, loc));
}
template <class T>
Chan<T> chan(BufferSpec buffer, csp::SourceLocation loc = csp::SourceLocation::current()) {
  return chan<T>(std::string_view{}, buffer, loc);
}

// A promise channel: the first value put is kept forever and every take gets a copy; later puts
// are accepted and dropped. Closing it keeps the value takeable.
template <class T>
Chan<T> promise_chan(std::string_view name = {},
                     csp::SourceLocation loc = csp::SourceLocation::current()) {
  static_assert(std::is_copy_constructible_v<T>, "a promise channel hands out copies of its value");
  return Chan<T>(detail::ChannelCore::make(detail::value_ops<T>(), csptrace::BufferKind::Promise, 1,
                                           name, loc));
}

}  // namespace csp
