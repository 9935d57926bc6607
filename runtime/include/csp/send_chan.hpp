// SendChan<T> and RecvChan<T>: Go's chan<- T and <-chan T. A view on a channel that allows only
// one direction; the wrong operation does not compile.
//
//   csp::Chan<int> c = csp::chan<int>("jobs");
//   csp::SendChan<int> out = c;   // put, put_blocking, offer, close
//   csp::RecvChan<int> in = c;    // take, take_blocking, poll
//   // in.put(1), out.take(), in.close(): no such member. No view converts back to Chan<T> or
//   // into the other view.
//
// A view is a handle like Chan<T> (it keeps the channel alive). In alts, csp::put(out, v) and
// csp::take(in) make guards that borrow the view's channel, as those of a named Chan<T> do.
#pragma once

#include <csp/alts.hpp>
#include <csp/chan.hpp>

#include <csp/source_location.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

namespace csp {

namespace detail {
// What both views offer: the handle's queries. Not a view itself (no conversions to or from).
template <class T>
class ChanView {
 public:
  using value_type = T;
  bool valid() const noexcept { return c_.valid(); }
  explicit operator bool() const noexcept { return valid(); }
  std::string name() const { return c_.name(); }
  bool closed() const noexcept { return c_.closed(); }
  std::size_t size() const noexcept { return c_.size(); }
  std::size_t capacity() const noexcept { return c_.capacity(); }
  detail::ChannelCore* core_ptr() const noexcept { return c_.core_ptr(); }

 protected:
  ChanView() noexcept = default;
  explicit ChanView(Chan<T> c) noexcept : c_(std::move(c)) {}
  Chan<T> c_;
};
}  // namespace detail

template <class T>
class SendChan : public detail::ChanView<T> {
  using detail::ChanView<T>::c_;

 public:
  SendChan() noexcept = default;
  SendChan(Chan<T> c) noexcept : detail::ChanView<T>(std::move(c)) {}  // NOLINT: as Go's cs = c

  PutOperation<T> put(T v, csp::SourceLocation loc = csp::SourceLocation::current()) const {
    return c_.put(std::move(v), loc);
  }
  bool put_blocking(T v, csp::SourceLocation loc = csp::SourceLocation::current()) const {
    return c_.put_blocking(std::move(v), loc);
  }
  bool offer(T v, csp::SourceLocation loc = csp::SourceLocation::current()) const {
    return c_.offer(std::move(v), loc);
  }
  // The sender closes (Go allows close only on the send side).
  void close(csp::SourceLocation loc = csp::SourceLocation::current()) const { c_.close(loc); }
  friend bool operator==(const SendChan& a, const SendChan& b) noexcept { return a.c_ == b.c_; }
};

template <class T>
class RecvChan : public detail::ChanView<T> {
  using detail::ChanView<T>::c_;

 public:
  RecvChan() noexcept = default;
  RecvChan(Chan<T> c) noexcept : detail::ChanView<T>(std::move(c)) {}  // NOLINT: as Go's cr = c

  TakeOperation<T> take(csp::SourceLocation loc = csp::SourceLocation::current()) const {
    return c_.take(loc);
  }
  std::optional<T> take_blocking(csp::SourceLocation loc = csp::SourceLocation::current()) const {
    return c_.take_blocking(loc);
  }
  std::optional<T> poll(csp::SourceLocation loc = csp::SourceLocation::current()) const {
    return c_.poll(loc);
  }
  friend bool operator==(const RecvChan& a, const RecvChan& b) noexcept { return a.c_ == b.c_; }
};

// alts guards on views (borrowing the view's channel).
template <class T, class U>
PutGuard<T> put(const SendChan<T>& c, U&& v,
                csp::SourceLocation loc = csp::SourceLocation::current()) {
  return PutGuard<T>{c.core_ptr(), Chan<T>(), T(std::forward<U>(v)), loc};
}
template <class T>
TakeGuard<T> take(const RecvChan<T>& c, csp::SourceLocation loc = csp::SourceLocation::current()) {
  return TakeGuard<T>{c.core_ptr(), Chan<T>(), loc, std::nullopt};
}

}  // namespace csp
